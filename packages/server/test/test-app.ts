import { type ChatModel, createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { type ChatAppOptions, createChatApp } from '../src/index.js';

/** A real engine with the memory store, a word-count tokenizer (fast to load) and the given models. */
export function createTestEngine(models: Record<string, ChatModel>) {
  return createChatEngine({
    models,
    store: createMemoryChatStore(),
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
  });
}

/** A dev-mode chat app over {@link createTestEngine}. */
export function createTestApp(models: Record<string, ChatModel>, options: Partial<ChatAppOptions> = {}) {
  const engine = createTestEngine(models);
  const logged: unknown[] = [];
  const app = createChatApp({ engine, dev: true, logger: (_m, e) => logged.push(e), ...options });
  return { app, engine, logged };
}
