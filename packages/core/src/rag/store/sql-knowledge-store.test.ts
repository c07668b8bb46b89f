import { runKnowledgeStoreConformance } from '@company-chat/testing/conformance';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { CONCEPT_DIMENSIONS } from '@company-chat/testing/rag';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../sql/migrate.js';
import { createPgliteSqlClient } from '../../sql/pglite/pglite-sql-client.js';
import { createPgSqlClient } from '../../sql/postgres/pg-sql-client.js';
import type { SqlClient } from '../../sql/sql-client.js';
import { createSqlBlobStore } from '../blob/sql-blob-store.js';
import { createSqlKnowledgeStore } from './sql-knowledge-store.js';

const silent = { info() {}, warn() {}, error() {} };

function conversationMaker(db: SqlClient) {
  return async (owner: { tenantId: string; userId: string }) => {
    const id = crypto.randomUUID();
    await db.query(
      'INSERT INTO conversations (id, tenant_id, user_id, title, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now())',
      [id, owner.tenantId, owner.userId, 'test'],
    );
    return id;
  };
}

// One migrated PGlite per suite, emptied after each test: starting PGlite with pgvector and migrating
// it for every test takes most of a minute on a busy machine.
let pglite: SqlClient | undefined;
beforeAll(async () => {
  const client = createPgliteSqlClient(await PGlite.create({ extensions: { vector } }), { ownsDb: true });
  await migrate(client);
  pglite = client;
}, 300_000);
afterAll(() => pglite?.close());
runKnowledgeStoreConformance('PGlite with pgvector', async () => {
  const db = pglite!;
  const store = await createSqlKnowledgeStore(db, { vectorDimensions: CONCEPT_DIMENSIONS, logger: silent });
  expect(store.searchVector).toBeTypeOf('function');
  return {
    store,
    cleanup: () => db.exec('TRUNCATE files, chunks, term_stats, file_blobs, conversations CASCADE'),
    createConversation: conversationMaker(db),
    blobs: createSqlBlobStore(db),
  };
});

runKnowledgeStoreConformance('PostgreSQL', async () => {
  const { schema, drop } = await createTestSchema();
  const db = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 3 });
  await migrate(db);
  // The test server has no pgvector: the store must fall back to full-text search.
  const store = await createSqlKnowledgeStore(db, { vectorDimensions: CONCEPT_DIMENSIONS, logger: silent });
  return {
    store,
    cleanup: async () => {
      await db.close();
      await drop();
    },
    createConversation: conversationMaker(db),
    blobs: createSqlBlobStore(db),
  };
});

describe('SQL knowledge store options', () => {
  it('uses the configured text-search language (stemming with english)', async () => {
    const db = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    try {
      await migrate(db);
      const { createKnowledgeBase } = await import('../create-knowledge-base.js');
      const kb = createKnowledgeBase({
        store: await createSqlKnowledgeStore(db, { language: 'english' }),
        logger: silent,
      });
      const owner = { tenantId: 't', userId: 'u' };
      await kb.ingest(owner, { name: 'a.txt', bytes: new TextEncoder().encode('The committee was running late.') });
      expect(await kb.retrieve(owner, 'runs')).toHaveLength(1);
      const { rows } = await db.query<{ language: string }>('SELECT language::text AS language FROM chunks');
      expect(rows).toEqual([{ language: 'english' }]);
      await expect(createSqlKnowledgeStore(db, { language: 'klingon' })).rejects.toThrow();
    } finally {
      await db.close();
    }
  });

  it('finds a rare word among many common ones even with a tiny candidate cap, and keeps statistics exact', async () => {
    const db = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    try {
      await migrate(db);
      const { createKnowledgeBase } = await import('../create-knowledge-base.js');
      const kb = createKnowledgeBase({ store: await createSqlKnowledgeStore(db, { candidateCap: 5 }), logger: silent });
      const owner = { tenantId: 't', userId: 'u' };
      const text = (s: string) => new TextEncoder().encode(s);
      for (let i = 0; i < 30; i++)
        await kb.ingest(owner, { name: `c${i}.txt`, bytes: text(`The policy update number ${i}.`) });
      const rare = await kb.ingest(owner, { name: 'rare.txt', bytes: text('The zeppelin policy.') });
      const [top] = await kb.retrieve(owner, 'policy about the zeppelin');
      expect(top).toMatchObject({ fileId: rare.id });
      // Only common words: chunks holding all of them first.
      expect((await kb.retrieve(owner, 'policy update 7'))[0]).toMatchObject({ fileName: 'c7.txt' });
      const stats = async () =>
        (
          await db.query<{ word: string; ndoc: string }>(
            "SELECT word, ndoc::text FROM term_stats WHERE word IN ('', 'policy', 'zeppelin') ORDER BY word",
          )
        ).rows;
      expect(await stats()).toEqual([
        { word: '', ndoc: '31' },
        { word: 'policy', ndoc: '31' },
        { word: 'zeppelin', ndoc: '1' },
      ]);
      expect(await kb.deleteFile(owner, rare.id)).toBe(true);
      expect(await stats()).toEqual([
        { word: '', ndoc: '30' },
        { word: 'policy', ndoc: '30' },
        { word: 'zeppelin', ndoc: '0' },
      ]);
    } finally {
      await db.close();
    }
  });

  it('logs that retrieval is full-text only when pgvector is missing', async () => {
    const db = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    try {
      await migrate(db);
      const warnings: string[] = [];
      const store = await createSqlKnowledgeStore(db, {
        vectorDimensions: 8,
        logger: { ...silent, warn: (m: string) => warnings.push(m) },
      });
      expect(store.searchVector).toBeUndefined();
      expect(warnings.join()).toMatch(/full-text only/);
    } finally {
      await db.close();
    }
  });
});
