import { type ChatStore, createChatEngine, openai } from '@company-chat/core';
import { createPgliteChatStore } from '@company-chat/core/pglite';
import { createPostgresChatStore } from '@company-chat/core/postgres';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from '../src/index.js';

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire', chunkDelayMs: 5 });
});
afterAll(() => wire.close());

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  wire.reset();
});

const stores: Record<string, () => Promise<ChatStore>> = {
  PGlite: () => createPgliteChatStore(),
  PostgreSQL: async () => {
    const { schema, drop } = await createTestSchema();
    cleanups.push(drop);
    return createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema, max: 10 });
  },
};

describe.each(Object.keys(stores))('20 concurrent retries of a first message on %s', (kind) => {
  it('store one conversation, one turn, and call the provider once', async () => {
    const store = await stores[kind]!();
    cleanups.push(() => store.close());
    const engine = createChatEngine({
      models: { default: openai({ baseURL: wire.openaiBaseURL, apiKey: 'sk-wire', model: 'gpt-4o-mini' }) },
      store,
      tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    });
    cleanups.push(() => engine.shutdown());
    const app = createChatApp({ engine, dev: true, logger: () => {} });
    const send = () =>
      app.request('/api/v1/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': 'retrier' },
        body: JSON.stringify({ content: 'Hello once', clientMessageId: 'same-first-message' }),
      });
    const responses = await Promise.all(Array.from({ length: 20 }, send));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    // Each retry either streams (the turn, or its replay) or is told the turn is in progress.
    for (const [i, res] of responses.entries()) {
      if (res.status !== 200)
        expect([res.status, JSON.parse(bodies[i]!).error.code]).toEqual([409, 'conversation_busy']);
    }
    const owner = { tenantId: 'default', userId: 'retrier' };
    const { items } = await store.listConversations(owner);
    expect(items).toHaveLength(1);
    const messages = (await store.listMessages(owner, items[0]!.id))!;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(wire.requests).toHaveLength(1);
  });
});
