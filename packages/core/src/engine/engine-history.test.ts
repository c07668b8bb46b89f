import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryChatStore } from '../conversations/memory-chat-store.js';
import type { ChatEvent } from './chat-events.js';
import { createChatEngine } from './create-chat-engine.js';

const alice = { tenantId: 't', userId: 'alice' };
const bob = { tenantId: 't', userId: 'bob' };
const tokenCounter = { count: (text: string) => Math.ceil(text.length / 4) };

async function collect(iterable: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const e of iterable) events.push(e);
  return events;
}
const text = (events: ChatEvent[]) => events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
const started = (events: ChatEvent[]) =>
  events.find((e) => e.type === 'message-start') as Extract<ChatEvent, { type: 'message-start' }>;
const conversationOf = (events: ChatEvent[]) =>
  (events[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;

function setup(scripts = [{ deltas: ['A1'] }, { deltas: ['A2'] }, { deltas: ['A3'] }, { deltas: ['A4'] }]) {
  const model = scriptedChatModel(scripts);
  const store = createMemoryChatStore();
  const engine = createChatEngine({ models: { default: model }, store, tokenCounter });
  return { model, store, engine };
}

describe('engine history: branches', () => {
  it('regenerates an answer as a sibling and switches between the answers', async () => {
    const { engine, model } = setup();
    const first = await collect(engine.send({ owner: alice, content: 'Q1' }));
    const id = conversationOf(first);
    const a1 = started(first).messageId;
    const again = await collect(engine.regenerate({ owner: alice, conversationId: id, messageId: a1 }));
    expect(again.map((e) => e.type)).toEqual(['conversation', 'message-start', 'text-delta', 'usage', 'message-end']);
    expect(text(again)).toBe('A2');
    expect(started(again).userMessageId).toBe(started(first).userMessageId);
    // The question is asked again without the discarded answer in the prompt.
    expect(model.calls[1]!.request.messages).toEqual([{ role: 'user', content: 'Q1' }]);

    const a2 = started(again).messageId;
    const shown = await engine.conversations.get(alice, id);
    expect(shown!.messages.map((m) => [m.content, m.siblingIds])).toEqual([
      ['Q1', [started(first).userMessageId]],
      ['A2', [a1, a2]],
    ]);
    const back = await engine.conversations.setActiveBranch(alice, id, a1);
    expect(back!.messages.map((m) => m.content)).toEqual(['Q1', 'A1']);
    expect((await engine.conversations.get(alice, id))!.messages.map((m) => m.content)).toEqual(['Q1', 'A1']);
  });

  it('continues the branch being shown, not the newest message', async () => {
    const { engine, model } = setup();
    const first = await collect(engine.send({ owner: alice, content: 'Q1' }));
    const id = conversationOf(first);
    await collect(engine.regenerate({ owner: alice, conversationId: id, messageId: started(first).messageId }));
    await engine.conversations.setActiveBranch(alice, id, started(first).messageId);
    await collect(engine.send({ owner: alice, conversationId: id, content: 'Q2' }));
    expect(model.calls[2]!.request.messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ]);
    expect((await engine.conversations.get(alice, id))!.messages.map((m) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q2',
      'A3',
    ]);
  });

  it('edits a question into a new branch from the same point', async () => {
    const { engine, model } = setup();
    const first = await collect(engine.send({ owner: alice, content: 'Q1' }));
    const id = conversationOf(first);
    const second = await collect(engine.send({ owner: alice, conversationId: id, content: 'Q2' }));
    const edited = await collect(
      engine.edit({ owner: alice, conversationId: id, messageId: started(second).userMessageId, content: 'Q2 better' }),
    );
    expect(text(edited)).toBe('A3');
    expect(model.calls[2]!.request.messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2 better' },
    ]);
    const shown = (await engine.conversations.get(alice, id))!;
    expect(shown.messages.map((m) => m.content)).toEqual(['Q1', 'A1', 'Q2 better', 'A3']);
    expect(shown.messages[2]!.siblingIds).toEqual([started(second).userMessageId, started(edited).userMessageId]);
    // Editing the very first question starts over from nothing.
    await collect(
      engine.edit({ owner: alice, conversationId: id, messageId: started(first).userMessageId, content: 'Q0' }),
    );
    expect(model.calls[3]!.request.messages).toEqual([{ role: 'user', content: 'Q0' }]);
  });

  it("refuses to regenerate, edit or switch to another owner's or unknown messages", async () => {
    const { engine } = setup();
    const first = await collect(engine.send({ owner: alice, content: 'Q1' }));
    const id = conversationOf(first);
    const { userMessageId, messageId } = started(first);
    await expect(collect(engine.regenerate({ owner: bob, conversationId: id, messageId }))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      collect(engine.edit({ owner: bob, conversationId: id, messageId: userMessageId, content: 'x' })),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      collect(engine.edit({ owner: alice, conversationId: id, messageId, content: 'x' })),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      collect(engine.regenerate({ owner: alice, conversationId: 'other', messageId })),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await engine.conversations.setActiveBranch(bob, id, messageId)).toBeNull();
    expect(await engine.conversations.setActiveBranch(alice, id, 'nope')).toBeNull();
  });
});

describe('engine history: idempotency and busy conversations', () => {
  it('replays a turn sent again with the same client message id, without calling the model', async () => {
    const { engine, model, store } = setup();
    const first = await collect(engine.send({ owner: alice, content: 'Q1', clientMessageId: 'c-1' }));
    const retry = await collect(engine.send({ owner: alice, content: 'Q1', clientMessageId: 'c-1' }));
    expect(model.calls).toHaveLength(1);
    expect(retry.map((e) => e.type)).toEqual(['conversation', 'message-start', 'text-delta', 'usage', 'message-end']);
    expect(started(retry)).toEqual(started(first));
    expect(text(retry)).toBe('A1');
    expect(retry.at(-1)).toMatchObject({ type: 'message-end', status: 'complete', finishReason: 'stop' });
    expect(await store.listMessages(alice, conversationOf(first))).toHaveLength(2);
    // Another user's identical id is theirs alone.
    await collect(engine.send({ owner: bob, content: 'Q1', clientMessageId: 'c-1' }));
    expect(model.calls).toHaveLength(2);
  });

  it('answers conversation_busy to a second send while an answer is written, also from another instance', async () => {
    const store = createMemoryChatStore();
    const slow = scriptedChatModel([{ deltas: ['a'], hang: true }]);
    const one = createChatEngine({ models: { default: slow }, store, tokenCounter });
    const two = createChatEngine({ models: { default: scriptedChatModel() }, store, tokenCounter });
    const c = await store.createConversation(alice, { title: 't' });
    const abort = new AbortController();
    const running = one.send({ owner: alice, conversationId: c.id, content: 'long', signal: abort.signal });
    await running.next(); // conversation
    await running.next(); // message-start: the lock is held
    await expect(two.send({ owner: alice, conversationId: c.id, content: 'again' }).next()).rejects.toMatchObject({
      code: 'conversation_busy',
      statusCode: 409,
    });
    await expect(one.send({ owner: alice, conversationId: c.id, content: 'again' }).next()).rejects.toMatchObject({
      code: 'conversation_busy',
    });
    abort.abort();
    await collect(running);
    // Released when the answer ends.
    const after = await collect(two.send({ owner: alice, conversationId: c.id, content: 'now' }));
    expect(after.at(-1)).toMatchObject({ type: 'message-end', status: 'complete' });
  });

  it('renews the conversation lock while an answer streams and releases it at the end', async () => {
    const inner = createMemoryChatStore();
    const tokens: string[] = [];
    const store = {
      ...inner,
      lockConversation: (...args: Parameters<typeof inner.lockConversation>) => {
        tokens.push(args[2]);
        return inner.lockConversation(...args);
      },
    };
    const engine = createChatEngine({
      models: { default: scriptedChatModel([{ deltas: ['a'], hang: true }]) },
      store,
      tokenCounter,
      lockTtlMs: 30,
    });
    const abort = new AbortController();
    const events = engine.send({ owner: alice, content: 'Q', signal: abort.signal });
    const first = (await events.next()).value as Extract<ChatEvent, { type: 'conversation' }>;
    await vi.waitFor(() => expect(tokens.length).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 10 });
    expect(new Set(tokens).size).toBe(1);
    abort.abort();
    await collect(events);
    expect(await inner.lockConversation(alice, first.conversation.id, 'someone-else', 60_000)).toBe(true);
  });

  it('has the answer row in the store, streaming, from message-start on', async () => {
    const store = createMemoryChatStore();
    const engine = createChatEngine({
      models: { default: scriptedChatModel([{ deltas: ['a'], hang: true }]) },
      store,
      tokenCounter,
    });
    const abort = new AbortController();
    const events = engine.send({ owner: alice, content: 'Q', signal: abort.signal });
    await events.next();
    const start = (await events.next()).value as Extract<ChatEvent, { type: 'message-start' }>;
    expect(await store.getMessage(alice, start.messageId)).toMatchObject({ status: 'streaming', role: 'assistant' });
    expect(await store.getMessage(alice, start.userMessageId)).toMatchObject({ status: 'complete', content: 'Q' });
    // Stopped once the first text has arrived (a real provider sends nothing after the abort).
    expect((await events.next()).value).toMatchObject({ type: 'text-delta', delta: 'a' });
    abort.abort();
    await collect(events);
    expect(await store.getMessage(alice, start.messageId)).toMatchObject({ status: 'aborted', content: 'a' });
  });
});

describe('engine history: organise, export, erase', () => {
  it('pins, archives, searches and exports', async () => {
    const { engine } = setup();
    const one = conversationOf(await collect(engine.send({ owner: alice, content: 'Invoices for March' })));
    const two = conversationOf(await collect(engine.send({ owner: alice, content: 'Holiday plans' })));
    expect(await engine.conversations.update(alice, one, { pinned: true })).toMatchObject({ pinned: true });
    await engine.conversations.update(alice, two, { archived: true });
    expect((await engine.conversations.list(alice)).items.map((c) => c.id)).toEqual([one]);
    expect(
      (await engine.conversations.list(alice, { query: 'holi', archived: 'include' })).items.map((c) => c.id),
    ).toEqual([two]);
    expect(await engine.conversations.update(bob, one, { pinned: false })).toBeNull();

    const md = await engine.conversations.export(alice, one, 'md');
    expect(md).toMatchObject({ format: 'md', body: expect.stringContaining('## You\n\nInvoices for March') });
    const json = await engine.conversations.export(alice, one, 'json');
    expect(json?.format === 'json' && json.body.messages.map((m) => m.content)).toEqual(['Invoices for March', 'A1']);
    expect(await engine.conversations.export(bob, one, 'json')).toBeNull();

    const all = await engine.conversations.exportAll(alice);
    expect(all.conversations).toHaveLength(2);
    expect(await engine.conversations.deleteAll(alice)).toEqual({ conversations: 2 });
    expect((await engine.conversations.exportAll(alice)).conversations).toEqual([]);
  });
});
