// Store benchmark (issue 3): PGlite on disk vs PostgreSQL, same schema and queries.
// Run: pnpm -F @company-chat/bench store   (PostgreSQL from BENCH_DATABASE_URL, default the local `test` db)
// Fixture: 10,000 conversations (100 users x 100) and 1,000,000 messages (half the conversations hold
// 200 messages each), bulk-loaded with INSERT ... SELECT generate_series. Measures append throughput
// (a turn = user message + streaming answer + 4 checkpoints + final write) and p50/p95 latency of
// listing a user's conversations and of opening a 200-message conversation; prints PGlite/PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatStore, createSqlChatStore, migrate, type Owner, type SqlClient } from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? TEST_DATABASE_URL;
const USERS = 100;
const CONVERSATIONS = 10_000;
const MESSAGES_PER_OPENED = 200;
const TURNS = Number(process.env.BENCH_TURNS ?? 300);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

interface Result {
  loadSeconds: number;
  turnsPerSecond: number;
  messagesPerSecond: number;
  writesPerSecond: number;
  list: { p50: number; p95: number };
  open: { p50: number; p95: number };
}

const owner = (u: number): Owner => ({ tenantId: 'bench', userId: `user${u}` });

async function load(db: SqlClient): Promise<void> {
  await db.query(
    `INSERT INTO conversations (id, tenant_id, user_id, title, created_at, updated_at)
     SELECT gen_random_uuid(), 'bench', 'user' || (g % ${USERS}), 'Conversation ' || g || ' about topic ' || (g % 37),
            ts, ts
     FROM generate_series(0, ${CONVERSATIONS - 1}) g,
          LATERAL (SELECT timestamptz '2026-01-01' + g * interval '1 minute' AS ts) t`,
  );
  // Every other conversation gets 200 messages: 5,000 x 200 = 1,000,000. Loaded in slices so a slice
  // fits comfortably in PGlite's WASM memory.
  const slice = 500;
  for (let from = 0; from < CONVERSATIONS; from += slice) {
    await db.query(
      `INSERT INTO messages (id, conversation_id, tenant_id, user_id, parent_id, role, content, status,
         created_at, updated_at)
       SELECT gen_random_uuid(), c.id, c.tenant_id, c.user_id, NULL,
              CASE WHEN i % 2 = 1 THEN 'user' ELSE 'assistant' END,
              'Message ' || i || ' of conversation ' || c.title || ': lorem ipsum dolor sit amet, consectetur adipiscing elit.',
              'complete', c.created_at + i * interval '1 millisecond', c.created_at + i * interval '1 millisecond'
       FROM (SELECT * FROM conversations
             WHERE created_at >= timestamptz '2026-01-01' + $1::int * interval '1 minute'
               AND created_at < timestamptz '2026-01-01' + $2::int * interval '1 minute'
               AND (extract(epoch FROM created_at - timestamptz '2026-01-01') / 60)::int % 2 = 0) c
       CROSS JOIN generate_series(1, ${MESSAGES_PER_OPENED}) i`,
      [from, from + slice],
    );
  }
  await db.query('ANALYZE');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
async function timeIt(n: number, fn: (i: number) => Promise<void>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function run(name: string, db: SqlClient): Promise<Result> {
  await migrate(db);
  const t0 = performance.now();
  await load(db);
  const loadSeconds = (performance.now() - t0) / 1000;
  const counts = await db.query<{ c: number; m: number }>(
    'SELECT (SELECT count(*)::int FROM conversations) AS c, (SELECT count(*)::int FROM messages) AS m',
  );
  console.log(
    `${name}: loaded ${counts.rows[0]!.c} conversations, ${counts.rows[0]!.m} messages in ${loadSeconds.toFixed(1)} s`,
  );
  const store: ChatStore = createSqlChatStore(db);

  // Ids of conversations holding 200 messages, per user, for the "open" measurement.
  const withMessages = await db.query<{ id: string; user_id: string }>(
    `SELECT c.id, c.user_id FROM conversations c WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)`,
  );

  const list = await timeIt(SAMPLES, async (i) => {
    const page = await store.listConversations(owner((i * 7) % USERS), { limit: 20 });
    if (page.items.length !== 20) throw new Error('listing returned too few');
  });
  const open = await timeIt(SAMPLES, async (i) => {
    const row = withMessages.rows[(i * 13) % withMessages.rows.length]!;
    const who = { tenantId: 'bench', userId: row.user_id };
    const [conversation, messages] = await Promise.all([
      store.getConversation(who, row.id),
      store.listMessages(who, row.id),
    ]);
    if (!conversation || messages?.length !== MESSAGES_PER_OPENED) throw new Error('open returned too few');
  });

  // Append throughput: sequential turns as the engine writes them.
  const t1 = performance.now();
  let writes = 0;
  for (let i = 0; i < TURNS; i++) {
    const who = owner(i % USERS);
    const c = await store.createConversation(who, { title: `new ${i}` });
    const u = await store.appendMessage(who, {
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'Question?',
      status: 'complete',
    });
    const a = await store.appendMessage(who, {
      conversationId: c.id,
      parentId: u!.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
    });
    let text = '';
    for (let k = 0; k < 4; k++) {
      text += 'Some more streamed words of the answer. ';
      await store.updateMessage(who, a!.id, { content: text });
    }
    await store.updateMessage(who, a!.id, {
      content: text,
      status: 'complete',
      usage: { inputTokens: 10, outputTokens: 40, totalTokens: 50 },
      finishReason: 'stop',
      durationMs: 1000,
      timeToFirstTokenMs: 100,
    });
    writes += 8;
  }
  const seconds = (performance.now() - t1) / 1000;
  return {
    loadSeconds,
    turnsPerSecond: TURNS / seconds,
    messagesPerSecond: (TURNS * 2) / seconds,
    writesPerSecond: writes / seconds,
    list,
    open,
  };
}

async function main() {
  const schema = `cc_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const results: Record<string, Result> = {};
  try {
    const pgClient = createPgSqlClient({ connectionString: DATABASE_URL, schema, max: 4 });
    results.PostgreSQL = await run('PostgreSQL', pgClient);
    await pgClient.close();
    const lite = createPgliteSqlClient(await PGlite.create({ dataDir: join(dir, 'db') }), { ownsDb: true });
    results.PGlite = await run('PGlite', lite);
    await lite.close();
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }

  const lite = results.PGlite!;
  const pgr = results.PostgreSQL!;
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const rows = [
    ['bulk load (s)', lite.loadSeconds.toFixed(1), pgr.loadSeconds.toFixed(1), lite.loadSeconds / pgr.loadSeconds],
    [
      'append: messages/s (with 4 checkpoints per answer)',
      lite.messagesPerSecond.toFixed(0),
      pgr.messagesPerSecond.toFixed(0),
      pgr.messagesPerSecond / lite.messagesPerSecond,
    ],
    [
      'append: store writes/s',
      lite.writesPerSecond.toFixed(0),
      pgr.writesPerSecond.toFixed(0),
      pgr.writesPerSecond / lite.writesPerSecond,
    ],
    ["list a user's conversations p50", ms(lite.list.p50), ms(pgr.list.p50), lite.list.p50 / pgr.list.p50],
    ["list a user's conversations p95", ms(lite.list.p95), ms(pgr.list.p95), lite.list.p95 / pgr.list.p95],
    ['open a 200-message conversation p50', ms(lite.open.p50), ms(pgr.open.p50), lite.open.p50 / pgr.open.p50],
    ['open a 200-message conversation p95', ms(lite.open.p95), ms(pgr.open.p95), lite.open.p95 / pgr.open.p95],
  ] as const;
  console.log(
    `\n${'measure'.padEnd(52)} ${'PGlite'.padStart(12)} ${'PostgreSQL'.padStart(12)}  PGlite/PostgreSQL (time ratio; >1 = PGlite slower)`,
  );
  for (const [label, a, b, ratio] of rows) {
    console.log(`${label.padEnd(52)} ${String(a).padStart(12)} ${String(b).padStart(12)}  ${ratio.toFixed(2)}x`);
  }
}

await main();
