import { type ChatEngine, createChatEngine, createMemoryChatStore, openai } from '@company-chat/core';
import { answerText, openChatStream } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from '../src/index.js';
import { type ServerHandle, serve } from '../src/node/index.js';

let wire: WireServer;
let handle: ServerHandle;
let chatEngine: ChatEngine;

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
  chatEngine = createChatEngine({
    // The provider's own idle timeout is far beyond the test's: only our abort can close the upstream.
    models: {
      default: openai({ baseURL: wire.openaiBaseURL, apiKey: 'sk-wire', model: 'gpt-4o-mini', idleTimeoutMs: 600_000 }),
    },
    store: createMemoryChatStore(),
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
  });
  handle = await serve({ app: createChatApp({ engine: chatEngine, dev: true }), port: 0 });
});
afterAll(async () => {
  await handle.close();
  await wire.close();
});

describe('client disconnect, end to end with the openai provider', () => {
  it('closes the upstream connection and stores the partial answer as aborted', async () => {
    wire.script({ type: 'stall', afterChunks: 3 });
    const stream = await openChatStream(handle.url, { content: 'Tell me everything' }, { 'x-user-id': 'carol' });
    const conversation = await stream.waitFor((e) => e.event === 'conversation');
    // The three chunks sent before the stall, in however many events they were relayed.
    await stream.waitForText('Hello from the');
    const upstream = wire.requests.at(-1)!;
    expect(upstream.clientClosed).toBe(false);

    stream.disconnect();
    await upstream.closed;
    expect(upstream.clientClosed).toBe(true);

    const owner = { tenantId: 'default', userId: 'carol' };
    const id: string = conversation.data.conversation.id;
    await expect.poll(async () => (await chatEngine.conversations.get(owner, id))?.messages[1]?.status).toBe('aborted');
    const stored = await chatEngine.conversations.get(owner, id);
    expect(stored?.messages[1]?.content).toBe('Hello from the'); // exactly the three chunks sent
  });

  it('streams a complete answer through the real provider', async () => {
    const stream = await openChatStream(handle.url, { content: 'Hi' });
    const events = await stream.ended;
    expect(answerText(events)).toBe('Hello from the wire server. This answer arrives in several small chunks.');
    expect(events.at(-1)?.data).toMatchObject({ status: 'complete', usage: { outputTokens: expect.any(Number) } });
  });
});
