import type { Owner } from '../conversations/types.js';
import type { ChatModel, ChatModelMessage } from '../providers/chat-model.js';
import { rewriteQuestion } from '../rag/prompt/rewrite-question.js';
import type { AuxiliaryModelCall } from './chat-engine.js';
import type { Logger } from './logger.js';

// Rewrites kept per engine: enough for every conversation active at once on one instance.
const CACHE_SIZE = 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** What to search the knowledge base with for one turn. */
export interface RetrievalQuery {
  query: string;
  /** Earlier questions to weigh in, when `query` is the message as typed. */
  previousQuestions?: string[];
}

/** One turn to plan the search of. */
export interface PlanInput {
  owner: Owner;
  conversationId: string | undefined;
  /** The message the new turn follows (null for the first): with the text, it names the turn. */
  parentId: string | null;
  history: readonly ChatModelMessage[];
  content: string;
  signal?: AbortSignal;
  onAuxiliaryCall?: (call: AuxiliaryModelCall) => void;
  requestId?: string;
}

/** Options of {@link createRetrievalQueryPlanner}. */
export interface RetrievalQueryPlannerOptions {
  /** The model that rewrites follow-ups, and the alias it is metered under; absent: term weighting only. */
  rewrite?: { alias: string; model: ChatModel };
  timeoutMs?: number;
  logger: Logger;
}

/**
 * Decides what a turn searches for. The first question of a conversation is searched as typed. A
 * follow-up is rewritten into a standalone question by the rewrite model when one is configured
 * (once per turn: regenerating an answer or retrying a send reuses the rewrite), else, or when the
 * rewrite fails or times out, searched together with the earlier questions, weighted by recency.
 */
export function createRetrievalQueryPlanner(options: RetrievalQueryPlannerOptions) {
  const { rewrite, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cache = new Map<string, string>();

  return async function plan(input: PlanInput): Promise<RetrievalQuery> {
    const previousQuestions = input.history.filter((m) => m.role === 'user').map((m) => m.content);
    if (previousQuestions.length === 0) return { query: input.content };
    const fallback = { query: input.content, previousQuestions };
    if (!rewrite) return fallback;
    const key = JSON.stringify([
      input.owner.tenantId,
      input.owner.userId,
      input.conversationId,
      input.parentId,
      input.content,
    ]);
    const cached = cache.get(key);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting keeps recently used rewrites the last evicted.
      cache.delete(key);
      cache.set(key, cached);
      return { query: cached };
    }
    const startedAt = performance.now();
    const timeout = AbortSignal.timeout(timeoutMs);
    const result = await rewriteQuestion({
      model: rewrite.model,
      history: input.history,
      question: input.content,
      signal: input.signal ? AbortSignal.any([input.signal, timeout]) : timeout,
      trace: {
        alias: rewrite.alias,
        ...(input.conversationId === undefined ? {} : { conversationId: input.conversationId }),
      },
    });
    input.onAuxiliaryCall?.({
      purpose: 'query-rewrite',
      model: rewrite.alias,
      provider: rewrite.model.provider,
      modelId: rewrite.model.modelId,
      usage: result.usage,
      estimated: result.estimated,
      status: result.question === null ? 'error' : 'complete',
      latencyMs: performance.now() - startedAt,
    });
    if (result.question === null) {
      logger.warn('Rewriting the follow-up question failed; searching with the conversation terms.', {
        ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
        model: `${rewrite.model.provider}/${rewrite.model.modelId}`,
        error: result.error instanceof Error ? result.error.message : String(result.error),
      });
      return fallback;
    }
    cache.set(key, result.question);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return { query: result.question };
  };
}
