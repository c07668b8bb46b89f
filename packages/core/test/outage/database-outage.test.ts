import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { type GatedChatModel, gatedChatModel } from '@company-chat/testing/models';
import { startTcpProxy } from '@company-chat/testing/outage';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatStore } from '../../src/conversations/chat-store.js';
import type { ChatEngine } from '../../src/engine/chat-engine.js';
import type { ChatEvent, MessageEndEvent } from '../../src/engine/chat-events.js';
import { createChatEngine } from '../../src/engine/create-chat-engine.js';
import type { Logger } from '../../src/engine/logger.js';
import { createPostgresChatStore } from '../../src/sql/postgres/create-postgres-chat-store.js';

const owner = { tenantId: 't', userId: 'outage' };
// Generous for a loaded machine; the waits below end as soon as their condition holds.
const eventually = { timeout: 30_000, interval: 25 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** An engine on PostgreSQL through a proxy the test can cut, and a direct store to look at the truth. */
async function setup(
  lease: { lockTtlMs: number; sweepIntervalMs: number } = { lockTtlMs: 3_000, sweepIntervalMs: 500 },
) {
  const { schema, drop } = await createTestSchema();
  cleanups.push(drop);
  const target = new URL(TEST_DATABASE_URL);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  cleanups.push(() => proxy.close());
  const direct = await createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
  cleanups.push(() => direct.close());
  const store = await createPostgresChatStore({
    connectionString: proxy.rewrite(TEST_DATABASE_URL),
    schema,
    max: 4,
    timeouts: { connectTimeoutMs: 1_000, queryTimeoutMs: 1_000, statementTimeoutMs: 1_000 },
    migrate: false,
  });
  cleanups.push(() => store.close());
  const logs: Array<{ message: string; details?: Record<string, unknown> }> = [];
  const record = (message: string, details?: Record<string, unknown>) => logs.push({ message, details });
  const logger: Logger = { info: record, warn: record, error: record };
  const model = gatedChatModel();
  const engine = createChatEngine({
    models: { default: model },
    store,
    logger,
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    checkpoint: { intervalMs: 0, everyDeltas: 1 },
    ...lease,
    storeRetry: { initialMs: 50, maxMs: 250 },
  });
  cleanups.push(() => engine.shutdown());
  return { proxy, direct, store, engine, model, logs };
}

/** Runs a turn in the background, collecting its events as the client would receive them. */
function startTurn(engine: ChatEngine, content: string) {
  const events: ChatEvent[] = [];
  const done = (async () => {
    for await (const event of engine.send({ owner, content, requestId: 'req-outage' })) events.push(event);
  })();
  done.catch(() => {});
  const received = () =>
    events
      .filter((e) => e.type === 'text-delta')
      .map((e) => e.delta)
      .join('');
  const started = async () => {
    await vi.waitFor(() => expect(events.some((e) => e.type === 'message-start')).toBe(true), eventually);
    const start = events.find((e) => e.type === 'message-start')!;
    const conversation = events.find((e) => e.type === 'conversation')!;
    return {
      messageId: start.type === 'message-start' ? start.messageId : '',
      conversationId: conversation.type === 'conversation' ? conversation.conversation.id : '',
    };
  };
  const deltas = () => events.filter((e) => e.type === 'text-delta').length;
  return { events, done, received, started, deltas };
}

async function sendAndWait(model: GatedChatModel, turn: ReturnType<typeof startTurn>, text: string) {
  const before = turn.deltas();
  model.send(text);
  await vi.waitFor(() => expect(turn.deltas()).toBe(before + 1), eventually);
}

/** Waits until the stored answer is final and equals what the client received, and the lock is free. */
async function expectStoredAsReceived(
  direct: ChatStore,
  turn: ReturnType<typeof startTurn>,
  ids: { messageId: string; conversationId: string },
) {
  await vi.waitFor(async () => {
    const stored = await direct.getMessage(owner, ids.messageId);
    expect(stored).toMatchObject({ status: 'complete', content: turn.received() });
  }, eventually);
  await vi.waitFor(async () => {
    expect(await direct.lockConversation(owner, ids.conversationId, 'probe', 60_000)).toBe(true);
  }, eventually);
  await direct.unlockConversation(owner, ids.conversationId, 'probe');
}

const messageEnd = (events: ChatEvent[]) => events.find((e): e is MessageEndEvent => e.type === 'message-end');

describe('a database outage around an answer (PostgreSQL through a TCP proxy)', () => {
  for (const cut of ['refused', 'black-holed'] as const) {
    it(`${cut} at the end of an answer: message-end arrives, the answer is stored as received once the database is back`, async () => {
      const { proxy, direct, engine, model, logs } = await setup();
      const turn = startTurn(engine, 'Tell me something');
      const ids = await turn.started();
      await sendAndWait(model, turn, 'The whole answer, ');
      await sendAndWait(model, turn, 'seen by the user.');
      if (cut === 'refused') await proxy.refuse();
      else proxy.blackhole();
      model.end();
      await turn.done;
      expect(messageEnd(turn.events)).toMatchObject({ status: 'complete', savePending: true });
      expect(turn.events.some((e) => e.type === 'error')).toBe(false);
      expect(turn.received()).toBe('The whole answer, seen by the user.');

      await proxy.restore();
      await expectStoredAsReceived(direct, turn, ids);
      expect(
        logs.some((l) => l.message.includes('could not save the answer') && l.details?.requestId === 'req-outage'),
      ).toBe(true);
    });

    it(`${cut} in the middle of an answer and back before its end: the stored answer equals what was received`, async () => {
      const { proxy, direct, engine, model } = await setup();
      const turn = startTurn(engine, 'Tell me something');
      const ids = await turn.started();
      await sendAndWait(model, turn, 'Before the outage. ');
      if (cut === 'refused') await proxy.refuse();
      else proxy.blackhole();
      await sendAndWait(model, turn, 'During the outage. ');
      await proxy.restore();
      await sendAndWait(model, turn, 'After it.');
      model.end();
      await turn.done;
      expect(messageEnd(turn.events)).toMatchObject({ status: 'complete' });
      await expectStoredAsReceived(direct, turn, ids);
    });

    it(`${cut} while idle: a send fails fast with store_unavailable, and works again once the database is back`, async () => {
      const { proxy, engine, model } = await setup();
      if (cut === 'refused') await proxy.refuse();
      else proxy.blackhole();
      const failed = engine.send({ owner, content: 'hello?' }).next();
      await expect(failed).rejects.toMatchObject({ code: 'store_unavailable', isRetryable: true, statusCode: 503 });
      expect(model.calls).toBe(0);

      await proxy.restore();
      // The first request after the outage may meet a pooled connection that died in it; a retry gets a new one.
      const answer = await vi.waitFor(async () => {
        const turn = engine.send({ owner, content: 'hello again' });
        const first = await turn.next();
        expect(first.value).toMatchObject({ type: 'conversation' });
        return turn;
      }, eventually);
      model.send('Back.');
      model.end();
      const rest: ChatEvent[] = [];
      for await (const event of answer) rest.push(event);
      expect(messageEnd(rest)).toMatchObject({ status: 'complete' });
      expect(messageEnd(rest)?.savePending).toBeUndefined();
    });
  }
});

describe('an instance cut off from the database for longer than its lease', () => {
  it('has its answer swept to interrupted and its conversation freed, then stores the full answer once back', async () => {
    const { proxy, direct, engine, model } = await setup({ lockTtlMs: 600, sweepIntervalMs: 0 });
    const turn = startTurn(engine, 'Tell me something');
    const ids = await turn.started();
    await sendAndWait(model, turn, 'Written before the outage. ');
    await vi.waitFor(async () => {
      expect((await direct.getMessage(owner, ids.messageId))?.content).toBe('Written before the outage. ');
    }, eventually);
    await proxy.refuse();
    await sendAndWait(model, turn, 'Written during it.');

    // Another instance (the direct store) sweeps: once the lease expires, the answer is interrupted with
    // its last checkpoint and the conversation is usable again, while the owner is still cut off.
    let swept = 0;
    await vi.waitFor(async () => {
      swept += await direct.recoverAbandoned();
      expect(swept).toBe(1);
    }, eventually);
    expect(await direct.getMessage(owner, ids.messageId)).toMatchObject({
      status: 'interrupted',
      content: 'Written before the outage. ',
    });
    expect(await direct.lockConversation(owner, ids.conversationId, 'other-instance', 60_000)).toBe(true);
    await direct.unlockConversation(owner, ids.conversationId, 'other-instance');

    model.end();
    await turn.done;
    expect(messageEnd(turn.events)).toMatchObject({ status: 'complete', savePending: true });
    await proxy.restore();
    // The owner's retried final write replaces the interrupted row with everything the client received.
    await expectStoredAsReceived(direct, turn, ids);
  });
});

describe('two instances on one PostgreSQL', () => {
  it("restarting or sweeping on one never marks the other's live answer interrupted, only abandoned ones", async () => {
    const { schema, drop } = await createTestSchema();
    cleanups.push(drop);
    const open = async (sweeps?: { count: number }) => {
      const inner = await createPostgresChatStore({ connectionString: TEST_DATABASE_URL, schema, max: 3 });
      cleanups.push(() => inner.close());
      if (!sweeps) return inner;
      return {
        ...inner,
        async recoverAbandoned() {
          sweeps.count++;
          return inner.recoverAbandoned();
        },
      } satisfies ChatStore;
    };
    const quiet: Logger = { info() {}, warn() {}, error() {} };
    const engineOn = (store: ChatStore, model: GatedChatModel) => {
      const engine = createChatEngine({
        models: { default: model },
        store,
        logger: quiet,
        tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
        lockTtlMs: 2_000,
        sweepIntervalMs: 100,
      });
      cleanups.push(() => engine.shutdown());
      return engine;
    };

    const modelA = gatedChatModel();
    const storeA = await open();
    const a = engineOn(storeA, modelA);
    const turn = startTurn(a, 'A long question');
    const ids = await turn.started();
    await sendAndWait(modelA, turn, 'A is still answering');
    // An answer whose instance crashed: its lease has expired.
    const crashed = await storeA.createConversation(owner, { title: 'crashed elsewhere' });
    expect(await storeA.lockConversation(owner, crashed.id, 'crashed-instance', 1)).toBe(true);
    const abandoned = await storeA.appendMessage(owner, {
      conversationId: crashed.id,
      parentId: null,
      role: 'assistant',
      content: 'half an answer',
      status: 'streaming',
    });

    // Instance B starts (start-up recovery) and sweeps many times over several lock lifetimes.
    const sweeps = { count: 0 };
    const storeB = await open(sweeps);
    engineOn(storeB, gatedChatModel());
    await vi.waitFor(() => expect(sweeps.count).toBeGreaterThanOrEqual(40), eventually);
    // And instance C restarts meanwhile: its start-up recovery leaves A's answer alone too.
    const storeC = await open();
    expect(await storeC.getMessage(owner, ids.messageId)).toMatchObject({ status: 'streaming' });
    // The sweeps took the abandoned answer, and only it.
    expect(await storeC.getMessage(owner, abandoned!.id)).toMatchObject({
      status: 'interrupted',
      content: 'half an answer',
    });
    expect(await storeC.lockConversation(owner, crashed.id, 'next', 60_000)).toBe(true);

    modelA.end();
    await turn.done;
    expect(messageEnd(turn.events)).toMatchObject({ status: 'complete' });
    expect(await storeB.getMessage(owner, ids.messageId)).toMatchObject({
      status: 'complete',
      content: 'A is still answering',
    });
  });
});
