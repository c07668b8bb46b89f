import { providerError, scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import type { ChatStore } from '../conversations/chat-store.js';
import { createMemoryChatStore } from '../conversations/memory-chat-store.js';
import type { ChatEvent } from './chat-events.js';
import { createChatEngine } from './create-chat-engine.js';

const owner = { tenantId: 't', userId: 'u' };

/** A memory store whose insert of the answer row waits for `open()` (and then fails if `fail` is given). */
function gatedStore(fail?: Error) {
  const inner = createMemoryChatStore();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let answerRowsStarted = 0;
  const store: ChatStore = {
    ...inner,
    async appendMessage(o, message) {
      if (message.role === 'assistant') {
        answerRowsStarted++;
        await gate;
        if (fail) throw fail;
      }
      return inner.appendMessage(o, message);
    },
  };
  return { store, inner, open, answerRowsStarted: () => answerRowsStarted };
}

async function rest(iterator: AsyncIterator<ChatEvent>, first: IteratorResult<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for (let r = first; !r.done; r = await iterator.next()) events.push(r.value);
  return events;
}

describe('the provider request starts while the turn is stored', () => {
  it('calls the model before the answer row exists, and shows nothing before it does', async () => {
    const { store, inner, open, answerRowsStarted } = gatedStore();
    const model = scriptedChatModel();
    const engine = createChatEngine({ models: { default: model }, store });
    const events = engine.send({ owner, content: 'Hi' })[Symbol.asyncIterator]();
    let firstSettled = false;
    const first = events.next().finally(() => {
      firstSettled = true;
    });
    await expect.poll(() => model.calls.length).toBe(1);
    await expect.poll(() => answerRowsStarted()).toBe(1);
    // The user's message is stored, the answer row is not yet: no event has been produced.
    expect(firstSettled).toBe(false);
    const [conversation] = (await inner.listConversations(owner)).items;
    expect((await inner.listMessages(owner, conversation!.id))?.map((m) => m.role)).toEqual(['user']);
    open();
    const all = await rest(events, await first);
    expect(all.map((e) => e.type)).toEqual([
      'conversation',
      'message-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'message-end',
    ]);
    expect((await inner.listMessages(owner, conversation!.id))?.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hi', 'complete'],
      ['assistant', 'Hello, world', 'complete'],
    ]);
  });

  it('when storing the turn fails, the send fails and the provider request is aborted', async () => {
    const { store, open } = gatedStore(new Error('disk full'));
    const model = scriptedChatModel({ deltas: ['never shown'], hang: true });
    const engine = createChatEngine({ models: { default: model }, store, logger: silent });
    const events = engine.send({ owner, content: 'Hi' })[Symbol.asyncIterator]();
    const first = events.next();
    await expect.poll(() => model.calls.length).toBe(1);
    open();
    await expect(first).rejects.toThrow('disk full');
    await model.calls[0]!.abortedPromise;
    expect(model.calls[0]!.aborted).toBe(true);
  });

  it('a provider failing before the answer row exists ends the stored answer as an error', async () => {
    const { store, inner, open } = gatedStore();
    const model = scriptedChatModel({ deltas: ['x'], fail: providerError('overloaded'), failAfter: 0 });
    const engine = createChatEngine({ models: { default: model }, store, logger: silent });
    const events = engine.send({ owner, content: 'Hi' })[Symbol.asyncIterator]();
    const first = events.next();
    await expect.poll(() => model.calls.length).toBe(1);
    open();
    const all = await rest(events, await first);
    expect(all.map((e) => e.type)).toEqual(['conversation', 'message-start', 'error', 'message-end']);
    expect(all.at(-1)).toMatchObject({ type: 'message-end', status: 'error' });
    const conversationId = (all[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    expect((await inner.listMessages(owner, conversationId))?.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'error'],
    ]);
  });
});

const silent = { info() {}, warn() {}, error() {} };
