// Retrieval quality benchmark. Run: pnpm bench:retrieval-quality
// (PostgreSQL from BENCH_DATABASE_URL, default the local `test` database; BENCH_STORES=memory,pglite
// leaves it out.)
//
// The corpus: READMEs and licences shipped in npm packages (semver, commander, debug, ws, ms,
// TypeScript's Apache-2.0 licence), a generated man page and a generated CSV of offices. 70 questions
// written from their passages (questions.json): direct, paraphrased, table rows and follow-ups asked
// after an earlier question of the same conversation. For each store (memory, PGlite, PostgreSQL;
// full-text retrieval, no embedder) and each mode (see MODES: the former behaviour, last message and
// snippet answer, first) it prints recall@5 (a passage of the expected file holding the answer phrase
// among the five retrieved), MRR, and how often the offline answer contains the answer phrase, overall
// and per kind of question. Not timed.
import { readFileSync } from 'node:fs';
import {
  createKnowledgeBase,
  createMemoryKnowledgeStore,
  createSqlKnowledgeStore,
  type KnowledgeStore,
  migrate,
} from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadCorpus } from './corpus.js';
import { checkQuestions, evaluate, MODES, type QualityQuestion, type Scores, score } from './evaluate.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? TEST_DATABASE_URL;
const STORES = (process.env.BENCH_STORES ?? 'memory,pglite,postgres').split(',').map((s) => s.trim());
const silent = { info() {}, warn() {}, error() {} };
const owner = { tenantId: 'bench', userId: 'reader' };

const questions: QualityQuestion[] = JSON.parse(readFileSync(new URL('questions.json', import.meta.url), 'utf8'));
const documents = loadCorpus();
await checkQuestions(documents, questions);

async function withStore(name: string): Promise<{ store: KnowledgeStore; close: () => Promise<void> }> {
  if (name === 'memory') return { store: createMemoryKnowledgeStore(), close: async () => {} };
  if (name === 'pglite') {
    const db = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    await migrate(db);
    return { store: await createSqlKnowledgeStore(db, { logger: silent }), close: () => db.close() };
  }
  const schema = `bench_quality_${Date.now()}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = createPgSqlClient({ connectionString: DATABASE_URL, schema, max: 2 });
  await migrate(db);
  return {
    store: await createSqlKnowledgeStore(db, { logger: silent }),
    close: async () => {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (label: string, s: Scores) =>
  `${label.padEnd(44)} ${String(s.n).padStart(3)}  ${s.recall.toFixed(3)}   ${s.mrr.toFixed(3)}  ${pct(s.answered)}`;
const kinds: Array<QualityQuestion['kind']> = ['direct', 'paraphrase', 'table', 'follow-up'];

console.log(
  `${documents.length} documents, ${questions.length} questions (${kinds.map((k) => `${questions.filter((q) => q.kind === k).length} ${k}`).join(', ')})`,
);
for (const name of STORES) {
  const { store, close } = await withStore(name);
  try {
    const knowledge = createKnowledgeBase({ store, logger: silent });
    for (const doc of documents) await knowledge.ingest(owner, { name: doc.name, bytes: doc.bytes });
    console.log(`\n${name}${' '.repeat(44 - name.length)}   n  recall@5  MRR    answer`);
    for (const mode of MODES) {
      const outcomes = await evaluate(knowledge, owner, questions, mode);
      console.log(row(mode.name, score(outcomes)));
      for (const kind of kinds) console.log(row(`  ${kind}`, score(outcomes.filter((o) => o.kind === kind))));
    }
  } finally {
    await close();
  }
}
