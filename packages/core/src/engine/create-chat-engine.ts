import type { ChatStore } from '../conversations/chat-store.js';
import { activePath } from '../conversations/conversation-tree.js';
import type { Conversation, Message } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatModel, ChatModelMessage } from '../providers/chat-model.js';
import { toMessageCitations } from '../rag/answer/citation-events.js';
import { type PromptKnowledge, retrieveForPrompt } from '../rag/prompt/with-knowledge.js';
import { traceModelCall } from '../tracing/trace-model-call.js';
import { defaultCheckpointPolicy } from './answer-checkpointer.js';
import { AnswerLease } from './answer-lease.js';
import { buildPrompt } from './build-prompt.js';
import type {
  ChatEngine,
  ChatEngineOptions,
  CompleteInput,
  CompletionEvent,
  EditInput,
  ModelInfo,
  RegenerateInput,
  SendInput,
} from './chat-engine.js';
import type { ChatEvent } from './chat-events.js';
import { createConversationsApi } from './conversations-api.js';
import { EarlyModelStream } from './early-model-stream.js';
import { consoleLogger } from './logger.js';
import { makeTitle } from './make-title.js';
import { replayTurn } from './replay-turn.js';
import { resolveAttachments } from './resolve-attachments.js';
import { type Branch, editBranch, regenerateBranch } from './resolve-branch.js';
import { createRetrievalQueryPlanner } from './retrieval-query-planner.js';
import { fallbackLogger, streamAnswer } from './stream-answer.js';
import { streamCompletion } from './stream-completion.js';
import { sweepAbandonedAnswers } from './sweep-abandoned-answers.js';
import { loadDefaultTokenCounter, promptTokens, type TokenCounter } from './token-counter.js';

const DEFAULT_CONTEXT_WINDOW = 8192;
const DEFAULT_MAX_OUTPUT = 1024;
const DEFAULT_MAX_MESSAGE_LENGTH = 32_000;
// The store-level send lock outlives a crashed process by at most this (then the sweep frees it);
// a live answer renews it every third of it.
const DEFAULT_LOCK_TTL_MS = 60_000;
const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
const DEFAULT_RETRY_INITIAL_MS = 200;
const DEFAULT_RETRY_MAX_MS = 5_000;

/**
 * Creates the chat engine: it stores conversations, builds prompts within the model's context window,
 * streams answers from the configured models and keeps every answer, finished or not.
 *
 * @example
 * ```ts
 * import { createChatEngine, createMemoryChatStore, openai } from '@company-chat/core';
 *
 * const engine = createChatEngine({
 *   models: { default: openai({ apiKey: process.env.OPENAI_API_KEY, model: 'gpt-4o-mini' }) },
 *   store: createMemoryChatStore(),
 *   systemPrompt: 'You are the helpful assistant of ACME Corp.',
 * });
 * for await (const event of engine.send({ owner: { tenantId: 'acme', userId: 'u1' }, content: 'Hi!' })) {
 *   if (event.type === 'text-delta') process.stdout.write(event.delta);
 * }
 * ```
 */
export function createChatEngine(options: ChatEngineOptions): ChatEngine {
  const { store, models } = options;
  const aliases = Object.keys(models);
  const defaultAlias = options.defaultModel ?? (models.default ? 'default' : aliases[0]);
  if (options.defaultModel !== undefined && !models[options.defaultModel]) {
    throw new CompanyChatError({
      code: 'unknown_model',
      message: `defaultModel "${options.defaultModel}" is not one of the configured models.`,
    });
  }
  const logger = options.logger ?? consoleLogger;
  const planRetrievalQuery = createRetrievalQueryPlanner({
    ...rewriteModel(options),
    ...(options.queryRewriteTimeoutMs === undefined ? {} : { timeoutMs: options.queryRewriteTimeoutMs }),
    logger,
  });
  const lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const storeRetry = {
    initialMs: options.storeRetry?.initialMs ?? DEFAULT_RETRY_INITIAL_MS,
    maxMs: options.storeRetry?.maxMs ?? DEFAULT_RETRY_MAX_MS,
  };
  const checkpoint = { ...defaultCheckpointPolicy, ...options.checkpoint };
  const maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  // The default tokenizer costs seconds of CPU to load: not while the server starts (warmUp() loads it
  // once the server listens), and at the latest on the first send.
  let counter: Promise<TokenCounter> | undefined = options.tokenCounter
    ? Promise.resolve(options.tokenCounter)
    : undefined;
  const loadCounter = () => {
    counter ??= loadDefaultTokenCounter();
    return counter;
  };

  const shutdownController = new AbortController();
  const stopSweep = sweepAbandonedAnswers(store, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS, logger);
  const running = new Set<Promise<void>>();
  // The controllers of in-flight answers, aborted by shutdown(): one listener per send on the shared
  // shutdown signal would trip Node's MaxListenersExceededWarning past 10 concurrent answers.
  const inFlight = new Set<AbortController>();
  // Conversations with an answer in progress in this process (one answer at a time per conversation).
  const busy = new Set<string>();

  function resolveModel(requested: string | undefined, conversation: Conversation | null): [string, ChatModel] {
    if (!defaultAlias) {
      throw new CompanyChatError({
        code: 'no_model_configured',
        message: 'No model is configured on this server.',
      });
    }
    const alias = requested ?? (conversation?.model && models[conversation.model] ? conversation.model : defaultAlias);
    const model = models[alias];
    if (!model) {
      throw new CompanyChatError({
        code: 'unknown_model',
        message: `Unknown model "${alias}". Available: ${aliases.join(', ')}.`,
      });
    }
    return [alias, model];
  }

  /** `branch` (regenerate, edit) attaches the turn elsewhere than after the active leaf. */
  async function* send(input: SendInput & { branch?: Branch }): AsyncGenerator<ChatEvent, void, undefined> {
    const { owner } = input;
    if (shutdownController.signal.aborted) {
      throw new CompanyChatError({ code: 'shutting_down', message: 'The server is shutting down.', isRetryable: true });
    }
    if (typeof input.content !== 'string' || input.content.trim().length === 0) {
      throw new CompanyChatError({ code: 'invalid_request', message: 'The message is empty.' });
    }
    if (input.content.length > maxMessageLength) {
      throw new CompanyChatError({
        code: 'invalid_request',
        message: `The message is longer than ${maxMessageLength} characters.`,
      });
    }

    if (input.clientMessageId !== undefined) {
      const replay = await replayTurn(store, owner, input.clientMessageId);
      if (replay) {
        yield* replay;
        return;
      }
    }

    let conversation: Conversation | null = null;
    let history: Message[] = [];
    if (input.conversationId !== undefined) {
      conversation = await store.getConversation(owner, input.conversationId);
      if (!conversation) throw new CompanyChatError({ code: 'not_found', message: 'Conversation not found.' });
    }
    const [alias, model] = resolveModel(input.model, conversation);
    if (conversation && busy.has(conversation.id)) {
      throw new CompanyChatError({
        code: 'conversation_busy',
        message: 'An answer is already being written in this conversation.',
      });
    }
    if (conversation) {
      // The prompt is the branch the new turn continues: the active one, or where regenerate/edit attach.
      const all = (await store.listMessages(owner, conversation.id)) ?? [];
      const after = input.branch ? input.branch.after : conversation.activeLeafId;
      history = after === null && (input.branch || all.length === 0) ? [] : activePath(all, after);
    }

    const maxOutputTokens = options.maxOutputTokens ?? model.maxOutputTokens ?? DEFAULT_MAX_OUTPUT;
    const contextWindow = model.contextWindow ?? options.defaultContextWindow ?? DEFAULT_CONTEXT_WINDOW;
    let knowledge: PromptKnowledge | undefined;
    const useKnowledge = input.useKnowledge ?? conversation?.useKnowledge ?? true;
    const promptHistory = toPromptHistory(history);
    if (options.knowledge && useKnowledge) {
      try {
        const search = await planRetrievalQuery({
          owner,
          conversationId: conversation?.id,
          parentId: history.at(-1)?.id ?? null,
          history: promptHistory,
          content: input.content,
          ...(input.signal ? { signal: input.signal } : {}),
          ...(input.onAuxiliaryCall ? { onAuxiliaryCall: input.onAuxiliaryCall } : {}),
          ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
        });
        knowledge = await retrieveForPrompt({
          knowledge: options.knowledge,
          owner,
          ...search,
          conversationId: conversation?.id,
          system: options.systemPrompt,
          limit: options.knowledgeLimit ?? 5,
          // About half of the prompt budget (4 characters a token), at most 12,000 characters.
          maxChars: Math.min(12_000, Math.max(0, (contextWindow - maxOutputTokens) * 2)),
          signal: input.signal,
        });
      } catch (error) {
        logger.warn('Knowledge retrieval failed; answering without it.', {
          requestId: input.requestId,
          error: String(error),
        });
      }
    }
    const system = knowledge?.system ?? options.systemPrompt;
    const prompt = buildPrompt({
      history: promptHistory,
      message: input.content,
      contextWindow,
      maxOutputTokens,
      counter: await loadCounter(),
      ...(system ? { system } : {}),
    });
    if (knowledge && knowledge.context.length > 0) prompt.request.context = knowledge.context;

    // An edited message keeps the snapshot of its files as sent (they may have been deleted since).
    const attachments =
      input.branch?.attachments ?? (await resolveAttachments(options.knowledge, owner, input.attachments));
    const created = !conversation;
    const requestId = input.requestId;
    const controller = new AbortController();
    const onClientAbort = () => controller.abort(input.signal?.reason);
    inFlight.add(controller);
    input.signal?.addEventListener('abort', onClientAbort);
    if (input.signal?.aborted) controller.abort(input.signal.reason);
    // The provider request starts as soon as the store has answered for this turn (the conversation and
    // its first message stored, or the lock of an existing conversation taken), while the rest of the
    // turn is stored: those round trips overlap the upstream's time to first token instead of adding to
    // it, and a store that is down costs no provider call. Nothing of the answer is read, let alone shown,
    // before the user's message and the answer row exist; when storing fails the request is aborted.
    let answerId: string | undefined;
    let upstream: EarlyModelStream | undefined;
    const startUpstream = () => {
      upstream ??= new EarlyModelStream(
        traceModelCall(
          model,
          prompt.request,
          {
            signal: controller.signal,
            onFallback: fallbackLogger(logger, () => ({ requestId, messageId: answerId }), options.instrumentation),
          },
          { alias, conversationId: conversation?.id, purpose: 'answer' },
        ),
      );
      return upstream;
    };
    const stopUpstream = () => {
      controller.abort();
      upstream?.cancel();
      inFlight.delete(controller);
      input.signal?.removeEventListener('abort', onClientAbort);
    };
    let started: Awaited<ReturnType<ChatStore['startConversation']>> | undefined;
    try {
      if (!conversation) {
        // The conversation and its first message in one transaction: concurrent retries of a first message
        // (same clientMessageId) leave one conversation, not one empty conversation each.
        started = await store.startConversation(
          owner,
          { title: makeTitle(input.content), model: alias, useKnowledge },
          { content: input.content, clientMessageId: input.clientMessageId ?? null, attachments },
        );
        conversation = started.conversation;
        startUpstream();
      }
      if (busy.has(conversation.id)) {
        throw new CompanyChatError({
          code: 'conversation_busy',
          message: 'An answer is already being written in this conversation.',
        });
      }
    } catch (error) {
      stopUpstream();
      throw error;
    }
    const conversationId = conversation.id;
    busy.add(conversationId);
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    running.add(done);

    const lease = new AnswerLease({
      store,
      owner,
      conversationId,
      ttlMs: lockTtlMs,
      retry: storeRetry,
      shutdownSignal: shutdownController.signal,
      logger,
      requestId,
      ...(options.instrumentation ? { instrumentation: options.instrumentation } : {}),
    });
    try {
      // Across instances too (PostgreSQL): an atomic test-and-set on the conversation row.
      if (!(await lease.take())) {
        throw new CompanyChatError({
          code: 'conversation_busy',
          message: 'An answer is already being written in this conversation.',
          isRetryable: true,
        });
      }
      const early = startUpstream();
      const last = history[history.length - 1];
      // The user's message is committed before any of the answer is shown: nothing the user typed is lost.
      const userMessage =
        started?.message ??
        input.branch?.question ??
        (await store.appendMessage(owner, {
          conversationId,
          parentId: last?.id ?? null,
          role: 'user',
          content: input.content,
          status: 'complete',
          clientMessageId: input.clientMessageId ?? null,
          attachments,
        }));
      const answer =
        userMessage &&
        (await store.appendMessage(owner, {
          conversationId,
          parentId: userMessage.id,
          role: 'assistant',
          content: '',
          status: 'streaming',
          model: alias,
        }));
      if (!userMessage || !answer)
        throw new CompanyChatError({ code: 'not_found', message: 'Conversation not found.' });
      answerId = answer.id;
      // A conversation created empty (to attach files first) is named after its first message.
      const title = conversation.title || (history.length === 0 ? makeTitle(input.content) : '');
      if (conversation.model !== alias || conversation.useKnowledge !== useKnowledge || title !== conversation.title) {
        await store.updateConversation(owner, conversationId, {
          model: alias,
          useKnowledge,
          ...(title !== conversation.title ? { title } : {}),
        });
      }

      yield {
        type: 'conversation',
        created,
        conversation: {
          id: conversationId,
          title,
          createdAt: conversation.createdAt.toISOString(),
          updatedAt: answer.createdAt.toISOString(),
        },
      };
      yield { type: 'message-start', userMessageId: userMessage.id, messageId: answer.id, model: alias };
      const messageId = answer.id;
      yield* streamAnswer({
        store,
        owner,
        messageId,
        model,
        request: prompt.request,
        parts: early.parts(),
        citations: toMessageCitations(knowledge?.passages ?? []),
        signal: controller.signal,
        shutdownSignal: shutdownController.signal,
        checkpoint,
        logger,
        ...(options.instrumentation ? { instrumentation: options.instrumentation } : {}),
        ...(requestId === undefined ? {} : { requestId }),
        trace: { alias, conversationId },
        saveFinal: (patch) => lease.saveFinal(messageId, patch),
      });
    } finally {
      // Also reached when the consumer stops iterating, or storing the turn failed: make sure the upstream
      // request is closed.
      stopUpstream();
      // With a healthy store the lock is released before the stream ends; through an outage the answer's
      // write and the release finish in the background and the stream ends now (message-end is sent).
      await lease.release(() => {
        busy.delete(conversationId);
        running.delete(done);
        finished();
      });
    }
  }

  async function* regenerate(input: RegenerateInput): AsyncGenerator<ChatEvent, void, undefined> {
    const { branch, content } = await regenerateBranch(store, input.owner, input.conversationId, input.messageId);
    yield* send({ ...pickTurn(input), conversationId: input.conversationId, content, branch });
  }

  async function* edit(input: EditInput): AsyncGenerator<ChatEvent, void, undefined> {
    const branch = await editBranch(store, input.owner, input.conversationId, input.messageId);
    yield* send({ ...pickTurn(input), conversationId: input.conversationId, content: input.content, branch });
  }

  async function* complete(input: CompleteInput): AsyncGenerator<CompletionEvent, void, undefined> {
    if (shutdownController.signal.aborted) {
      throw new CompanyChatError({ code: 'shutting_down', message: 'The server is shutting down.', isRetryable: true });
    }
    const [alias, model] = resolveModel(input.model, null);
    const { request } = input;
    const usesTools =
      (request.tools?.length ?? 0) > 0 ||
      request.messages.some((m) => m.toolCallId !== undefined || (m.toolCalls?.length ?? 0) > 0);
    if (usesTools && !model.supportsTools) {
      throw new CompanyChatError({
        code: 'invalid_request',
        message: `The model "${alias}" does not take tools.`,
      });
    }
    const maxOutputTokens =
      request.maxOutputTokens ?? options.maxOutputTokens ?? model.maxOutputTokens ?? DEFAULT_MAX_OUTPUT;
    const contextWindow = model.contextWindow ?? options.defaultContextWindow ?? DEFAULT_CONTEXT_WINDOW;
    // The caller's prompt is never trimmed (they chose it): one that cannot fit is refused before it costs anything.
    const tokens = promptTokens(request, await loadCounter());
    if (tokens + maxOutputTokens > contextWindow) {
      throw new CompanyChatError({
        code: 'context_length_exceeded',
        message: `The prompt (about ${tokens} tokens) and ${maxOutputTokens} output tokens exceed the ${contextWindow}-token context window of "${alias}".`,
      });
    }
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(input.signal?.reason);
    inFlight.add(controller);
    input.signal?.addEventListener('abort', onCallerAbort);
    if (input.signal?.aborted) controller.abort(input.signal.reason);
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    running.add(done);
    try {
      yield* streamCompletion({
        model,
        alias,
        completionId: input.completionId ?? `chatcmpl-${crypto.randomUUID().replaceAll('-', '')}`,
        request: { ...request, maxOutputTokens },
        signal: controller.signal,
        shutdownSignal: shutdownController.signal,
        logger,
        requestId: input.requestId,
        instrumentation: options.instrumentation,
      });
    } finally {
      controller.abort();
      inFlight.delete(controller);
      input.signal?.removeEventListener('abort', onCallerAbort);
      running.delete(done);
      finished();
    }
  }

  return {
    store,
    complete,
    // Only regenerate/edit may attach a turn elsewhere: callers of send cannot pass a branch.
    send: (input: SendInput) => send({ ...input, branch: undefined }),
    regenerate,
    edit,
    async warmUp(): Promise<void> {
      // The SDKs of the configured providers are imported on first use: load them now rather than on
      // the first answer.
      await Promise.all([loadCounter(), ...Object.values(models).map((model) => model.warmUp?.())]);
    },
    listModels(): ModelInfo[] {
      return aliases.map((id) => ({
        id,
        provider: models[id]!.provider,
        modelId: models[id]!.modelId,
        default: id === defaultAlias,
      }));
    },
    conversations: createConversationsApi(store),
    async shutdown() {
      const reason = new CompanyChatError({
        code: 'shutting_down',
        message: 'The server is shutting down.',
        isRetryable: true,
      });
      shutdownController.abort(reason);
      stopSweep();
      for (const controller of inFlight) controller.abort(reason);
      await Promise.all(running);
    },
  };
}

/** The follow-up rewrite model of the options, with the alias its calls are metered under. */
function rewriteModel(options: ChatEngineOptions): { rewrite?: { alias: string; model: ChatModel } } {
  const chosen = options.queryRewriteModel;
  if (chosen === undefined) return {};
  if (typeof chosen !== 'string') return { rewrite: { alias: 'query-rewrite', model: chosen } };
  const model = options.models[chosen];
  if (!model) {
    throw new CompanyChatError({
      code: 'unknown_model',
      message: `queryRewriteModel "${chosen}" is not one of the configured models.`,
    });
  }
  return { rewrite: { alias: chosen, model } };
}

/** Stored messages as prompt turns: empty answers (failed before any text) are left out. */
function toPromptHistory(messages: Message[]): ChatModelMessage[] {
  return messages.filter((m) => m.content.length > 0).map((m) => ({ role: m.role, content: m.content }));
}

/** The fields of a regenerate/edit request that a turn shares with a send. */
function pickTurn(input: RegenerateInput | EditInput): SendInput {
  const turn: SendInput = { owner: input.owner, content: '' };
  if (input.model !== undefined) turn.model = input.model;
  if (input.signal !== undefined) turn.signal = input.signal;
  if ('clientMessageId' in input && input.clientMessageId !== undefined) turn.clientMessageId = input.clientMessageId;
  if (input.requestId !== undefined) turn.requestId = input.requestId;
  if (input.onAuxiliaryCall !== undefined) turn.onAuxiliaryCall = input.onAuxiliaryCall;
  return turn;
}
