import type { Owner } from '../../conversations/types.js';
import type { ChatModelRequest } from '../../providers/chat-model.js';
import { traceRetrieval } from '../../tracing/trace-retrieval.js';
import type { KnowledgeBase } from '../create-knowledge-base.js';
import type { RetrievedPassage } from '../retrieve/retrieved-passage.js';
import { buildContextPrompt, NOTHING_RELEVANT_PROMPT, toContextPassages } from './build-context-prompt.js';

/** Input of {@link retrieveForPrompt}. */
export interface RetrieveForPromptInput {
  knowledge: KnowledgeBase;
  owner: Owner;
  /** The user's new message, or a standalone rewrite of it. */
  query: string;
  /** Earlier questions of the conversation, oldest first, when `query` is the message as typed. */
  previousQuestions?: readonly string[];
  conversationId?: string;
  /** The engine's system prompt, kept first. */
  system?: string;
  limit?: number;
  /** Characters of passage text at most (see buildContextPrompt). */
  maxChars?: number;
  signal?: AbortSignal;
}

/** What the engine merges into its model request, and the passages to announce as `citation` events. */
export interface PromptKnowledge {
  passages: RetrievedPassage[];
  /**
   * The system prompt with the delimited context appended, or with {@link NOTHING_RELEVANT_PROMPT}
   * when no passage passed the relevance floor.
   */
  system: string | undefined;
  /** For {@link ChatModelRequest.context}. */
  context: NonNullable<ChatModelRequest['context']>;
}

/**
 * One call for the engine: retrieves the passages the owner may read for the new message and returns
 * the system prompt with the untrusted-context block plus the structured copy for the model.
 */
export async function retrieveForPrompt(input: RetrieveForPromptInput): Promise<PromptKnowledge> {
  const passages = await traceRetrieval(
    {
      query: input.query,
      previousQuestions: input.previousQuestions?.length ?? 0,
      topK: input.limit ?? 5,
      ...(input.conversationId === undefined ? {} : { conversationId: input.conversationId }),
    },
    () =>
      input.knowledge.retrieve(input.owner, input.query, {
        conversationId: input.conversationId,
        limit: input.limit,
        previousQuestions: input.previousQuestions,
        signal: input.signal,
      }),
    (found) => found.length,
  );
  const block =
    passages.length > 0 ? buildContextPrompt(passages, { maxChars: input.maxChars }) : NOTHING_RELEVANT_PROMPT;
  const system = [input.system, block].filter((s) => s !== undefined && s !== '').join('\n\n') || undefined;
  return { passages, system, context: toContextPassages(passages) };
}
