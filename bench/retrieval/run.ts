// Retrieval benchmark (issue 5). Run: pnpm -F @company-chat/bench retrieval
// (PostgreSQL from BENCH_DATABASE_URL, default the local `test` database; BENCH_MAX_CHUNKS lowers 100k).
//
// For PGlite (on disk) and PostgreSQL, full-text only (no embedder):
// 1. pipeline ingest through KnowledgeBase.ingest (parse, chunk, index), in chunks/s: the four small
//    documents of bench/data/knowledge 40 times each (per-file overhead dominates), and 5 large files
//    of 25 concatenated copies (about 180 KB, 550 chunks each);
// 2. bulk index: synthetic distractor chunks inserted through KnowledgeStore.insertChunks (chunks/s),
//    half in the tenant's shared collection, half private to 100 other users;
// 3. at 10k and 100k chunks: query latency p50/p95 of KnowledgeBase.retrieve (limit 5) for the labelled
//    questions and for random two-to-four-word queries of common words, and recall@5 of the labelled
//    questions (the expected answer text is in one of the five passages).
// Prints a table and the PGlite/PostgreSQL ratios.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKnowledgeBase,
  createSqlKnowledgeStore,
  type KnowledgeBase,
  type KnowledgeFile,
  type KnowledgeStore,
  migrate,
  type SqlClient,
} from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createChunkGenerator, rng } from './synthetic-chunks.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? TEST_DATABASE_URL;
const SIZES = [10_000, Number(process.env.BENCH_MAX_CHUNKS ?? 100_000)];
const COPIES = Number(process.env.BENCH_COPIES ?? 40);
const RANDOM_QUERIES = 200;
const CHUNKS_PER_FILE = 200;
const silent = { info() {}, warn() {}, error() {} };
const reader = { tenantId: 'bench', userId: 'reader' };

const dataDir = new URL('../data/knowledge/', import.meta.url);
const documents = readdirSync(dataDir)
  .filter((name) => name.endsWith('.md') && name !== 'LICENSE.md')
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dataDir))) }));
const questions: Array<{ question: string; file: string; answer: string }> = JSON.parse(
  readFileSync(new URL('questions.json', dataDir), 'utf8'),
);
const realWords = [
  ...new Set(
    documents.flatMap(
      (d) =>
        new TextDecoder()
          .decode(d.bytes)
          .toLowerCase()
          .match(/[a-z]{3,}/g) ?? [],
    ),
  ),
];

interface SizeResult {
  chunks: number;
  questions: { p50: number; p95: number };
  random: { p50: number; p95: number };
  recallAt5: number;
}
interface Result {
  pipelineChunksPerSecond: number;
  largeFileChunksPerSecond: number;
  bulkChunksPerSecond: number;
  sizes: SizeResult[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeQueries(kb: KnowledgeBase, queries: string[]) {
  for (const q of queries.slice(0, 20)) await kb.retrieve(reader, q); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    await kb.retrieve(reader, q, { limit: 5 });
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function recallAt5(kb: KnowledgeBase): Promise<number> {
  let hits = 0;
  for (const q of questions) {
    const passages = await kb.retrieve(reader, q.question, { limit: 5 });
    if (passages.some((p) => p.fileName === q.file && p.text.includes(q.answer))) hits++;
  }
  return hits / questions.length;
}

async function bulkLoad(store: KnowledgeStore, target: number, loaded: number, seed: number): Promise<number> {
  const generator = createChunkGenerator(realWords, 4000, seed);
  const random = rng(seed + 1);
  let seconds = 0;
  for (let n = loaded; n < target; n += CHUNKS_PER_FILE) {
    const shared = random() < 0.5;
    const now = new Date();
    const file: KnowledgeFile = {
      id: crypto.randomUUID(),
      tenantId: 'bench',
      userId: shared ? 'admin' : `user${Math.floor(random() * 100)}`,
      scope: shared ? { type: 'shared', collection: 'archive' } : { type: 'private' },
      name: `archive-${n}.txt`,
      mediaType: 'text/plain',
      kind: 'text',
      sizeBytes: 0,
      sha256: '',
      status: 'processing',
      stage: 'chunked',
      error: null,
      pageCount: null,
      chunkCount: CHUNKS_PER_FILE,
      version: 1,
      previousVersions: [],
      createdAt: now,
      updatedAt: now,
    };
    const chunks = generator.chunks(file.id, Math.min(CHUNKS_PER_FILE, target - n));
    await store.createFile(file);
    const start = performance.now();
    await store.insertChunks(file, chunks);
    seconds += (performance.now() - start) / 1000;
    await store.updateFile(file.id, { status: 'ready', stage: 'indexed' });
  }
  return (target - loaded) / seconds;
}

async function run(db: SqlClient): Promise<Result> {
  await migrate(db);
  const store = await createSqlKnowledgeStore(db, { logger: silent });
  const kb = createKnowledgeBase({ store, logger: silent });
  const admin = { tenantId: 'bench', userId: 'admin' };

  // 1. Pipeline: parse + chunk + index real documents.
  let pipelineChunks = 0;
  const pipelineStart = performance.now();
  for (let copy = 0; copy < COPIES; copy++) {
    for (const doc of documents) {
      const file = await kb.ingest(
        admin,
        // One collection per copy: the same content twice in one collection is de-duplicated, not re-indexed.
        {
          name: doc.name,
          bytes: doc.bytes,
          scope: { type: 'shared', collection: copy === 0 ? 'handbook' : `copy-${copy}` },
        },
        { manageShared: true },
      );
      pipelineChunks += file.chunkCount;
    }
  }
  const pipelineChunksPerSecond = pipelineChunks / ((performance.now() - pipelineStart) / 1000);
  const big = new TextEncoder().encode(
    Array.from({ length: 25 }, (_, i) =>
      documents.map((d) => new TextDecoder().decode(d.bytes).replaceAll('# ', `# Part ${i} `)).join('\n\n'),
    ).join('\n\n'),
  );
  let largeChunks = 0;
  const largeStart = performance.now();
  for (let i = 0; i < 5; i++) {
    const file = await kb.ingest(
      admin,
      { name: `large-${i}.md`, bytes: big, scope: { type: 'shared', collection: `large-${i}` } },
      { manageShared: true },
    );
    largeChunks += file.chunkCount;
  }
  const largeFileChunksPerSecond = largeChunks / ((performance.now() - largeStart) / 1000);
  // The copies would make recall trivial to satisfy with duplicates; keep only the originals.
  await db.query("DELETE FROM files WHERE collection <> 'handbook'");
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks');
  let loaded = rows[0]!.n;

  const generator = createChunkGenerator(realWords, 4000, 7);
  const random = rng(99);
  const randomQueries = Array.from({ length: RANDOM_QUERIES }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, generator.word).join(' '),
  );
  const questionQueries = Array.from({ length: 5 }, () => questions.map((q) => q.question)).flat();

  const sizes: SizeResult[] = [];
  let bulkRates: number[] = [];
  for (const size of SIZES) {
    bulkRates.push(await bulkLoad(store, size, loaded, size));
    loaded = size;
    await db.query('ANALYZE chunks');
    await db.query('ANALYZE files');
    sizes.push({
      chunks: size,
      questions: await timeQueries(kb, questionQueries),
      random: await timeQueries(kb, randomQueries),
      recallAt5: await recallAt5(kb),
    });
  }
  bulkRates = bulkRates.filter(Number.isFinite);
  return {
    pipelineChunksPerSecond,
    largeFileChunksPerSecond,
    bulkChunksPerSecond: bulkRates.reduce((a, b) => a + b, 0) / bulkRates.length,
    sizes,
  };
}

async function withPglite(): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-retrieval-'));
  const db = createPgliteSqlClient(await PGlite.create({ dataDir: dir }), { ownsDb: true });
  try {
    return await run(db);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres(): Promise<Result> {
  const schema = `bench_rag_${Date.now()}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = createPgSqlClient({ connectionString: DATABASE_URL, schema, max: 2 });
  try {
    return await run(db);
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
console.log(
  `Retrieval benchmark: ${documents.length} documents x ${COPIES} through the pipeline, ${questions.length} labelled questions, sizes ${SIZES.join(', ')} chunks\n`,
);
const results: Record<string, Result> = {};
for (const [name, runner] of [
  ['PGlite', withPglite],
  ['PostgreSQL', withPostgres],
] as const) {
  const started = performance.now();
  results[name] = await runner();
  console.log(`${name} done in ${fmt((performance.now() - started) / 1000)} s`);
}
console.log('');
console.log('Ingest (chunks/s)  small files   large files   bulk index');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(18)} ${fmt(r.pipelineChunksPerSecond, 0).padStart(11)}   ${fmt(r.largeFileChunksPerSecond, 0).padStart(11)}   ${fmt(r.bulkChunksPerSecond, 0).padStart(10)}`,
  );
}
console.log('\nQueries            chunks   questions p50/p95 ms   random p50/p95 ms   recall@5');
for (const [name, r] of Object.entries(results)) {
  for (const s of r.sizes) {
    console.log(
      `${name.padEnd(18)} ${String(s.chunks).padStart(6)}   ${`${fmt(s.questions.p50)} / ${fmt(s.questions.p95)}`.padStart(20)}   ${`${fmt(s.random.p50)} / ${fmt(s.random.p95)}`.padStart(17)}   ${fmt(s.recallAt5 * 100, 0)}%`,
    );
  }
}
const a = results.PGlite!;
const b = results.PostgreSQL!;
console.log('\nPGlite / PostgreSQL:');
console.log(
  `  ingest small files ${fmt(a.pipelineChunksPerSecond / b.pipelineChunksPerSecond, 2)}x, large files ${fmt(a.largeFileChunksPerSecond / b.largeFileChunksPerSecond, 2)}x, bulk index ${fmt(a.bulkChunksPerSecond / b.bulkChunksPerSecond, 2)}x`,
);
a.sizes.forEach((s, i) => {
  const t = b.sizes[i]!;
  console.log(
    `  ${s.chunks} chunks: question p95 ${fmt(s.questions.p95 / t.questions.p95, 2)}x, random-query p95 ${fmt(s.random.p95 / t.random.p95, 2)}x`,
  );
});
console.log('\nTargets (issue 5): ingest >= 2,000 chunks/s full-text only; query p95 <= 20 ms at 100k chunks.');
