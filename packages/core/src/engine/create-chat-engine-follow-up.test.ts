import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { documentFixture } from '@company-chat/testing/rag';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatStore } from '../conversations/chat-store.js';
import { createMemoryChatStore } from '../conversations/memory-chat-store.js';
import type { ChatModel, ChatModelRequest } from '../providers/chat-model.js';
import { offline } from '../rag/answer/offline-model.js';
import { createKnowledgeBase, type KnowledgeBase } from '../rag/create-knowledge-base.js';
import type { KnowledgeStore } from '../rag/knowledge-types.js';
import { createMemoryKnowledgeStore } from '../rag/store/memory-knowledge-store.js';
import { createSqlKnowledgeStore } from '../rag/store/sql-knowledge-store.js';
import { migrate } from '../sql/migrate.js';
import { createPgliteSqlClient } from '../sql/pglite/pglite-sql-client.js';
import { createPgSqlClient } from '../sql/postgres/pg-sql-client.js';
import { createSqlChatStore } from '../sql/sql-chat-store.js';
import type { AuxiliaryModelCall } from './chat-engine.js';
import type { ChatEvent } from './chat-events.js';
import { createChatEngine } from './create-chat-engine.js';

const alice = { tenantId: 't', userId: 'alice' };
const silent = { info() {}, warn() {}, error() {} };
const FIRST = 'What does curl --retry-max-time do?';
const FOLLOW_UP = 'And what is its default value?';
const corpus = ['curl-options.md', 'server-settings.md', 'expense-policy.md'];
const fixture = (name: string) => documentFixture(`follow-up/${name}`);

async function collect(events: AsyncIterable<ChatEvent>) {
  const all: ChatEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
}
const citations = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'citation' ? [e.fileName] : []));
const answerText = (events: ChatEvent[]) => events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
const conversationOf = (events: ChatEvent[]) => events.find((e) => e.type === 'conversation')!.conversation.id;

interface Setup {
  store: ChatStore;
  knowledge: KnowledgeBase;
  cleanup: () => Promise<void>;
}

async function withCorpus(store: ChatStore, knowledgeStore: KnowledgeStore, cleanup: () => Promise<void>) {
  const knowledge = createKnowledgeBase({ store: knowledgeStore, logger: silent });
  for (const name of corpus) await knowledge.ingest(alice, { name, bytes: fixture(name) });
  return { store, knowledge, cleanup };
}

const setups: Array<[string, () => Promise<Setup>]> = [
  ['memory', () => withCorpus(createMemoryChatStore(), createMemoryKnowledgeStore(), async () => {})],
  [
    'PGlite',
    async () => {
      const db = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
      await migrate(db);
      return withCorpus(createSqlChatStore(db), await createSqlKnowledgeStore(db, { logger: silent }), () =>
        db.close(),
      );
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const { schema, drop } = await createTestSchema();
      const db = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 3 });
      await migrate(db);
      return withCorpus(createSqlChatStore(db), await createSqlKnowledgeStore(db, { logger: silent }), async () => {
        await db.close();
        await drop();
      });
    },
  ],
];

describe.each(setups)('follow-up questions without a model (%s)', (_name, setup) => {
  let s: Setup;
  // Creating PGlite, migrating and ingesting takes a while on a busy machine: a generous bound, not a wait.
  beforeAll(async () => {
    s = await setup();
  }, 300_000);
  afterAll(() => s?.cleanup());

  it('searches a follow-up with the earlier question, where the message alone finds other documents', async () => {
    // The message alone: "default value" is what the settings and expense documents are about.
    const alone = await s.knowledge.retrieve(alice, FOLLOW_UP);
    expect(alone[0]?.fileName).not.toBe('curl-options.md');

    const engine = createChatEngine({
      models: { default: offline() },
      store: s.store,
      knowledge: s.knowledge,
      logger: silent,
    });
    const first = await collect(engine.send({ owner: alice, content: FIRST }));
    expect(citations(first)[0]).toBe('curl-options.md');
    const followUp = await collect(
      engine.send({ owner: alice, conversationId: conversationOf(first), content: FOLLOW_UP }),
    );
    expect(citations(followUp)[0]).toBe('curl-options.md');
    expect(answerText(followUp)).toContain('The default value is 0, which means that retries never time out.');
    await engine.shutdown();
  });
});

/** A model that rewrites questions as scripted, recording what it was asked. */
function rewriter(reply: (request: ChatModelRequest) => string): ChatModel & { calls: ChatModelRequest[] } {
  const calls: ChatModelRequest[] = [];
  return {
    calls,
    specificationVersion: 'v1',
    provider: 'test',
    modelId: 'rewriter-mini',
    async *doStream(request) {
      calls.push(request);
      yield { type: 'text-delta', text: reply(request) };
      yield { type: 'usage', usage: { inputTokens: 120, outputTokens: 12, totalTokens: 132 } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}

describe('follow-up questions rewritten by a model', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setups[0]![1]();
  });

  it('rewrites follow-ups only, once per turn, and reports the call for metering', async () => {
    const model = rewriter(() => 'Standalone question: "What is the default value of curl --retry-max-time?"');
    const engine = createChatEngine({
      models: { default: offline(), mini: model },
      queryRewriteModel: 'mini',
      store: s.store,
      knowledge: s.knowledge,
      logger: silent,
    });
    const calls: AuxiliaryModelCall[] = [];
    const onAuxiliaryCall = (call: AuxiliaryModelCall) => calls.push(call);
    const first = await collect(engine.send({ owner: alice, content: FIRST, onAuxiliaryCall }));
    expect(model.calls).toHaveLength(0);
    const conversationId = conversationOf(first);
    const followUp = await collect(engine.send({ owner: alice, conversationId, content: FOLLOW_UP, onAuxiliaryCall }));
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]!.messages[0]!.content).toContain(FIRST);
    expect(citations(followUp)[0]).toBe('curl-options.md');
    expect(calls).toEqual([
      {
        purpose: 'query-rewrite',
        model: 'mini',
        provider: 'test',
        modelId: 'rewriter-mini',
        usage: { inputTokens: 120, outputTokens: 12, totalTokens: 132 },
        estimated: false,
        status: 'complete',
        latencyMs: expect.any(Number),
      },
    ]);

    const answerId = followUp.find((e) => e.type === 'message-start')!.messageId;
    const again = await collect(
      engine.regenerate({ owner: alice, conversationId, messageId: answerId, onAuxiliaryCall }),
    );
    expect(citations(again)[0]).toBe('curl-options.md');
    expect(model.calls).toHaveLength(1);
    expect(calls).toHaveLength(1);
    await engine.shutdown();
  });

  it('falls back to the conversation terms when the rewrite fails, without failing the answer', async () => {
    const failing: ChatModel = {
      specificationVersion: 'v1',
      provider: 'test',
      modelId: 'down',
      // biome-ignore lint/correctness/useYield: fails before its first part, like an unreachable provider
      async *doStream() {
        throw new Error('connection refused');
      },
    };
    const warnings: string[] = [];
    const engine = createChatEngine({
      models: { default: offline() },
      queryRewriteModel: failing,
      store: s.store,
      knowledge: s.knowledge,
      logger: { ...silent, warn: (message) => warnings.push(message) },
    });
    const calls: AuxiliaryModelCall[] = [];
    const first = await collect(engine.send({ owner: alice, content: FIRST }));
    const followUp = await collect(
      engine.send({
        owner: alice,
        conversationId: conversationOf(first),
        content: FOLLOW_UP,
        onAuxiliaryCall: (call) => calls.push(call),
      }),
    );
    expect(followUp.at(-1)).toMatchObject({ type: 'message-end', status: 'complete' });
    expect(citations(followUp)[0]).toBe('curl-options.md');
    expect(calls).toMatchObject([{ model: 'query-rewrite', status: 'error', usage: { totalTokens: 0 } }]);
    expect(warnings.some((w) => w.includes('Rewriting the follow-up question failed'))).toBe(true);
    await engine.shutdown();
  });

  it('refuses a rewrite alias that is not configured', () => {
    expect(() =>
      createChatEngine({ models: { default: offline() }, queryRewriteModel: 'nano', store: s.store, logger: silent }),
    ).toThrow(/queryRewriteModel "nano"/);
  });
});
