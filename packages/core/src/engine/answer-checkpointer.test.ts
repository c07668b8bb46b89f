import { describe, expect, it } from 'vitest';
import type { ChatStore } from '../conversations/chat-store.js';
import { createMemoryChatStore } from '../conversations/memory-chat-store.js';
import { AnswerCheckpointer } from './answer-checkpointer.js';

const owner = { tenantId: 't', userId: 'u' };

async function setup() {
  const inner = createMemoryChatStore();
  const writes: string[] = [];
  const store: ChatStore = {
    ...inner,
    updateMessage: async (o, id, patch) => {
      writes.push(patch.content ?? '');
      return inner.updateMessage(o, id, patch);
    },
  };
  const c = await inner.createConversation(owner, { title: 't' });
  const m = await inner.appendMessage(owner, {
    conversationId: c.id,
    parentId: null,
    role: 'assistant',
    content: '',
    status: 'streaming',
  });
  return { inner, store, writes, conversationId: c.id, messageId: m!.id };
}

describe('AnswerCheckpointer', () => {
  it('writes every N deltas, never two at once, and settles before finalising', async () => {
    const { store, inner, writes, conversationId, messageId } = await setup();
    const clock = 0;
    const cp = new AnswerCheckpointer(store, owner, messageId, { intervalMs: 1_000_000, everyDeltas: 3 }, () => clock);
    let text = '';
    for (let i = 0; i < 10; i++) {
      text += String(i);
      cp.onDelta(() => ({ content: text }));
      await Promise.resolve();
    }
    await cp.settle();
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.length).toBeLessThanOrEqual(4);
    expect(writes[0]).toBe('012');
    const [row] = (await inner.listMessages(owner, conversationId))!;
    expect(row!.content).toBe(writes.at(-1));
  });

  it('writes after the interval even with few deltas', async () => {
    const { store, writes, messageId } = await setup();
    let clock = 0;
    const cp = new AnswerCheckpointer(store, owner, messageId, { intervalMs: 500, everyDeltas: 64 }, () => clock);
    cp.onDelta(() => ({ content: 'a' }));
    expect(writes).toEqual([]);
    clock = 501;
    cp.onDelta(() => ({ content: 'ab' }));
    await cp.settle();
    expect(writes).toEqual(['ab']);
  });
});
