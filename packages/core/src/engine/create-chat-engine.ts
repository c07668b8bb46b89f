// ENGINE READY (lead, 06:23 UTC): persistence, RAG and quotas extend this file.

import type { Conversation, Message } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatModel, ChatModelMessage } from '../providers/chat-model.js';
import { defaultCheckpointPolicy } from './answer-checkpointer.js';
import { buildPrompt } from './build-prompt.js';
import type { ChatEngine, ChatEngineOptions, ModelInfo, SendInput } from './chat-engine.js';
import type { ChatEvent } from './chat-events.js';
import { consoleLogger } from './logger.js';
import { makeTitle } from './make-title.js';
import { streamAnswer } from './stream-answer.js';
import { loadDefaultTokenCounter } from './token-counter.js';

const DEFAULT_CONTEXT_WINDOW = 8192;
const DEFAULT_MAX_OUTPUT = 1024;
const DEFAULT_MAX_MESSAGE_LENGTH = 32_000;

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
  const checkpoint = { ...defaultCheckpointPolicy, ...options.checkpoint };
  const maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  const counter = options.tokenCounter ? Promise.resolve(options.tokenCounter) : loadDefaultTokenCounter();
  // Start loading the tokenizer now so the first send does not pay for it; failures surface on send.
  counter.catch(() => {});

  const shutdownController = new AbortController();
  const running = new Set<Promise<void>>();
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

  async function* send(input: SendInput): AsyncGenerator<ChatEvent, void, undefined> {
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
    if (conversation) history = (await store.listMessages(owner, conversation.id)) ?? [];

    const maxOutputTokens = options.maxOutputTokens ?? model.maxOutputTokens ?? DEFAULT_MAX_OUTPUT;
    const prompt = buildPrompt({
      history: toPromptHistory(history),
      message: input.content,
      contextWindow: model.contextWindow ?? options.defaultContextWindow ?? DEFAULT_CONTEXT_WINDOW,
      maxOutputTokens,
      counter: await counter,
      ...(options.systemPrompt ? { system: options.systemPrompt } : {}),
    });

    const created = !conversation;
    conversation ??= await store.createConversation(owner, { title: makeTitle(input.content), model: alias });
    const conversationId = conversation.id;
    if (busy.has(conversationId)) {
      throw new CompanyChatError({
        code: 'conversation_busy',
        message: 'An answer is already being written in this conversation.',
      });
    }
    busy.add(conversationId);
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    running.add(done);
    const controller = new AbortController();
    const onShutdown = () => controller.abort(shutdownController.signal.reason);
    const onClientAbort = () => controller.abort(input.signal?.reason);
    shutdownController.signal.addEventListener('abort', onShutdown);
    input.signal?.addEventListener('abort', onClientAbort);
    if (input.signal?.aborted) controller.abort(input.signal.reason);

    try {
      const last = history[history.length - 1];
      // The user's message is committed before the provider is called: nothing the user typed is lost.
      const userMessage = await store.appendMessage(owner, {
        conversationId,
        parentId: last?.id ?? null,
        role: 'user',
        content: input.content,
        status: 'complete',
        clientMessageId: input.clientMessageId ?? null,
      });
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
      if (conversation.model !== alias) await store.updateConversation(owner, conversationId, { model: alias });

      yield {
        type: 'conversation',
        created,
        conversation: {
          id: conversationId,
          title: conversation.title,
          createdAt: conversation.createdAt.toISOString(),
          updatedAt: answer.createdAt.toISOString(),
        },
      };
      yield { type: 'message-start', userMessageId: userMessage.id, messageId: answer.id, model: alias };
      yield* streamAnswer({
        store,
        owner,
        messageId: answer.id,
        model,
        request: prompt.request,
        signal: controller.signal,
        shutdownSignal: shutdownController.signal,
        checkpoint,
        logger,
      });
    } finally {
      // Also reached when the consumer stops iterating: make sure the upstream request is closed.
      controller.abort();
      shutdownController.signal.removeEventListener('abort', onShutdown);
      input.signal?.removeEventListener('abort', onClientAbort);
      busy.delete(conversationId);
      running.delete(done);
      finished();
    }
  }

  return {
    store,
    send,
    listModels(): ModelInfo[] {
      return aliases.map((id) => ({
        id,
        provider: models[id]!.provider,
        modelId: models[id]!.modelId,
        default: id === defaultAlias,
      }));
    },
    conversations: {
      list: (owner, listOptions) => store.listConversations(owner, listOptions),
      async get(owner, id) {
        const conversation = await store.getConversation(owner, id);
        const messages = conversation && (await store.listMessages(owner, id));
        return conversation && messages ? { conversation, messages } : null;
      },
      rename: (owner, id, title) => store.updateConversation(owner, id, { title }),
      delete: (owner, id) => store.deleteConversation(owner, id),
    },
    async shutdown() {
      shutdownController.abort(
        new CompanyChatError({ code: 'shutting_down', message: 'The server is shutting down.', isRetryable: true }),
      );
      await Promise.all(running);
    },
  };
}

/** Stored messages as prompt turns: empty answers (failed before any text) are left out. */
function toPromptHistory(messages: Message[]): ChatModelMessage[] {
  return messages.filter((m) => m.content.length > 0).map((m) => ({ role: m.role, content: m.content }));
}
