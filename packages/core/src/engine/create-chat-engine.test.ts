import { providerError, scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createMemoryChatStore } from '../conversations/memory-chat-store.js';
import type { ChatEvent } from './chat-events.js';
import { createChatEngine } from './create-chat-engine.js';

const owner = { tenantId: 't', userId: 'u' };

async function collect(iterable: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const e of iterable) events.push(e);
  return events;
}

const text = (events: ChatEvent[]) => events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');

describe('createChatEngine', () => {
  it('streams an answer and stores both messages', async () => {
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: scriptedChatModel() }, store, systemPrompt: 'Be brief.' });
    const events = await collect(engine.send({ owner, content: 'Hi there, how are you?' }));
    expect(events.map((e) => e.type)).toEqual([
      'conversation',
      'message-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'message-end',
    ]);
    expect(text(events)).toBe('Hello, world');
    const conv = events[0] as Extract<ChatEvent, { type: 'conversation' }>;
    expect(conv.created).toBe(true);
    expect(conv.conversation.title).toBe('Hi there, how are you?');
    const stored = await engine.conversations.get(owner, conv.conversation.id);
    expect(stored?.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hi there, how are you?', 'complete'],
      ['assistant', 'Hello, world', 'complete'],
    ]);
    const answer = stored!.messages[1]!;
    expect(answer).toMatchObject({
      model: 'default',
      provider: 'scripted',
      providerModel: 'scripted-1',
      finishReason: 'stop',
    });
    expect(answer.usage).toEqual({ inputTokens: 10, outputTokens: 3, totalTokens: 13 });
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
    expect(answer.timeToFirstTokenMs).not.toBeNull();
  });

  it('continues a conversation with its history and the system prompt', async () => {
    const model = scriptedChatModel();
    const engine = createChatEngine({
      models: { default: model },
      store: createMemoryChatStore(),
      systemPrompt: 'SYS',
    });
    const first = await collect(engine.send({ owner, content: 'one' }));
    const id = (first[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    const second = await collect(engine.send({ owner, conversationId: id, content: 'two' }));
    expect((second[0] as Extract<ChatEvent, { type: 'conversation' }>).created).toBe(false);
    expect(model.calls[1]?.request).toMatchObject({
      system: 'SYS',
      messages: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'Hello, world' },
        { role: 'user', content: 'two' },
      ],
    });
  });

  it('throws before storing anything for bad input', async () => {
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: scriptedChatModel() }, store });
    await expect(collect(engine.send({ owner, content: '   ' }))).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(collect(engine.send({ owner, content: 'x', model: 'nope' }))).rejects.toMatchObject({
      code: 'unknown_model',
      statusCode: 400,
    });
    await expect(
      collect(engine.send({ owner, content: 'x', conversationId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({ code: 'not_found', statusCode: 404 });
    expect((await store.listConversations(owner)).items).toEqual([]);
  });

  it('answers no_model_configured when there is no model', async () => {
    const engine = createChatEngine({ models: {}, store: createMemoryChatStore() });
    await expect(collect(engine.send({ owner, content: 'x' }))).rejects.toMatchObject({
      code: 'no_model_configured',
      statusCode: 503,
    });
    expect(engine.listModels()).toEqual([]);
  });

  it('keeps the partial answer as error when the provider fails mid-stream', async () => {
    const model = scriptedChatModel([
      { deltas: ['Par', 'tial', 'never'], fail: providerError('overloaded'), failAfter: 2 },
    ]);
    const engine = createChatEngine({ models: { default: model }, store: createMemoryChatStore() });
    const events = await collect(engine.send({ owner, content: 'q' }));
    expect(events.slice(-2)).toMatchObject([
      { type: 'error', error: { code: 'overloaded', retryable: true } },
      { type: 'message-end', status: 'error' },
    ]);
    const id = (events[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    const answer = (await engine.conversations.get(owner, id))!.messages[1]!;
    expect(answer).toMatchObject({ content: 'Partial', status: 'error', error: { code: 'overloaded' } });
  });

  it('stores the partial answer as aborted when the signal aborts', async () => {
    const model = scriptedChatModel([{ deltas: ['a', 'b'], hang: true }]);
    const engine = createChatEngine({ models: { default: model }, store: createMemoryChatStore() });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const e of engine.send({ owner, content: 'q', signal: controller.signal })) {
      events.push(e);
      if (e.type === 'text-delta' && e.delta === 'b') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'message-end', status: 'aborted' });
    expect(model.aborted).toBe(1);
    const id = (events[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    expect((await engine.conversations.get(owner, id))!.messages[1]).toMatchObject({
      content: 'ab',
      status: 'aborted',
    });
  });

  it('stores the partial answer as aborted when the consumer stops reading', async () => {
    const model = scriptedChatModel([{ deltas: ['a', 'b'], hang: true }]);
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: model }, store });
    let id = '';
    for await (const e of engine.send({ owner, content: 'q' })) {
      if (e.type === 'conversation') id = e.conversation.id;
      if (e.type === 'text-delta' && e.delta === 'b') break;
    }
    expect(model.aborted).toBe(1);
    expect((await engine.conversations.get(owner, id))!.messages[1]).toMatchObject({
      content: 'ab',
      status: 'aborted',
    });
  });

  it('refuses a second concurrent send into the same conversation', async () => {
    const model = scriptedChatModel([{ deltas: ['x'] }, { deltas: ['a'], hang: true }, { deltas: ['y'] }]);
    const engine = createChatEngine({ models: { default: model }, store: createMemoryChatStore() });
    const first = await collect(engine.send({ owner, content: 'q' }));
    const id = (first[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    const controller = new AbortController();
    const running = engine.send({ owner, conversationId: id, content: 'long', signal: controller.signal });
    await running.next();
    await expect(collect(engine.send({ owner, conversationId: id, content: 'again' }))).rejects.toMatchObject({
      code: 'conversation_busy',
      statusCode: 409,
    });
    controller.abort();
    await collect(running);
    const after = await collect(engine.send({ owner, conversationId: id, content: 'now' }));
    expect(after.at(-1)).toMatchObject({ type: 'message-end', status: 'complete' });
  });

  it('ends in-flight answers on shutdown and stores them', async () => {
    const model = scriptedChatModel([{ deltas: ['part'], hang: true }]);
    const engine = createChatEngine({ models: { default: model }, store: createMemoryChatStore() });
    const events: ChatEvent[] = [];
    const consuming = (async () => {
      for await (const e of engine.send({ owner, content: 'q' })) {
        events.push(e);
        if (e.type === 'text-delta') void engine.shutdown();
      }
    })();
    await consuming;
    await engine.shutdown();
    expect(events.slice(-2)).toMatchObject([
      { type: 'error', error: { code: 'shutting_down' } },
      { type: 'message-end', status: 'error' },
    ]);
    await expect(collect(engine.send({ owner, content: 'late' }))).rejects.toMatchObject({ code: 'shutting_down' });
  });

  it('trims old turns to fit the context window, keeping the newest message and system prompt', async () => {
    const model = scriptedChatModel([{ deltas: ['ok'] }], { contextWindow: 300 });
    const engine = createChatEngine({
      models: { default: model },
      store: createMemoryChatStore(),
      systemPrompt: 'System rules.',
      maxOutputTokens: 100,
      // One token per word keeps the arithmetic of this test exact.
      tokenCounter: { count: (t) => t.split(/\s+/).filter(Boolean).length },
    });
    const first = await collect(engine.send({ owner, content: 'word '.repeat(180) }));
    const id = (first[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    await collect(engine.send({ owner, conversationId: id, content: 'second' }));
    await collect(engine.send({ owner, conversationId: id, content: 'third' }));
    const last = model.calls.at(-1)!.request;
    expect(last.system).toBe('System rules.');
    expect(last.messages.at(-1)).toEqual({ role: 'user', content: 'third' });
    expect(last.messages[0]!.role).toBe('user');
    expect(last.messages.some((m) => m.content.startsWith('word'))).toBe(false);
    expect(last.maxOutputTokens).toBe(100);
    await expect(collect(engine.send({ owner, content: 'word '.repeat(400) }))).rejects.toMatchObject({
      code: 'context_length_exceeded',
    });
  });

  it('lists models with the default marked', () => {
    const engine = createChatEngine({
      models: { fast: scriptedChatModel(), default: scriptedChatModel() },
      store: createMemoryChatStore(),
    });
    expect(engine.listModels()).toEqual([
      { id: 'fast', provider: 'scripted', modelId: 'scripted-1', default: false },
      { id: 'default', provider: 'scripted', modelId: 'scripted-1', default: true },
    ]);
  });
});
