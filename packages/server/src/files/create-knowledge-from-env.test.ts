import { migrate, type SqlClient } from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeFromEnv } from './create-knowledge-from-env.js';

const silent = { info() {}, warn() {}, error() {} };
const owner = { tenantId: 't1', userId: 'alice' };
const handbook = '# Leave\n\nParental leave lasts sixteen weeks.\n\n# Travel\n\nTrains for trips under four hours.';

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-embed' });
});
afterAll(() => wire.close());
beforeEach(() => wire.reset());

const embeddingsEnv = (dimensions?: number) => ({
  COMPANY_CHAT_EMBEDDINGS_MODEL: 'embed-small',
  COMPANY_CHAT_EMBEDDINGS_BASE_URL: wire.openaiBaseURL,
  COMPANY_CHAT_EMBEDDINGS_API_KEY: 'sk-embed',
  ...(dimensions ? { COMPANY_CHAT_EMBEDDINGS_DIMENSIONS: String(dimensions) } : {}),
});

/** Ingests a file and asks a question; returns how many texts went to `/v1/embeddings`. */
async function embeddedTexts(sql: SqlClient | undefined, env: Record<string, string>, expected: string) {
  const built = await createKnowledgeFromEnv({ env, ...(sql ? { sql } : {}), logger: silent });
  expect(built.description).toBe(expected);
  await built.knowledge.ingest(owner, { name: 'handbook.md', bytes: new TextEncoder().encode(handbook) });
  expect((await built.knowledge.retrieve(owner, 'parental leave'))[0]?.text).toMatch(/sixteen weeks/);
  return wire.requests.filter((r) => r.path === '/v1/embeddings').flatMap((r) => r.body.input as string[]).length;
}

async function withPglite(pgvector: boolean, run: (sql: SqlClient) => Promise<void>) {
  const sql = createPgliteSqlClient(await PGlite.create(pgvector ? { extensions: { vector } } : {}), { ownsDb: true });
  try {
    await migrate(sql);
    await run(sql);
  } finally {
    await sql.close();
  }
}

describe('createKnowledgeFromEnv: embeds only what it stores, and says which retrieval runs', () => {
  it('in memory with an embedder: hybrid, every chunk and the question embedded', async () => {
    const texts = await embeddedTexts(
      undefined,
      embeddingsEnv(),
      'in memory, hybrid (full-text + vectors, embed-small), text search simple',
    );
    expect(texts).toBe(3); // two chunks, one question
  });

  it.each([
    {
      name: 'PGlite with pgvector: hybrid with the configured length',
      pgvector: true,
      dimensions: 16,
      description: 'SQL, hybrid (full-text + vectors, 16 dims, embed-small), text search simple',
      texts: 3,
    },
    {
      name: 'PGlite with pgvector but no dimensions: full-text only, nothing embedded',
      pgvector: true,
      dimensions: undefined,
      description:
        'SQL, full-text only: COMPANY_CHAT_EMBEDDINGS_DIMENSIONS missing (the vector length of the model), text search simple',
      texts: 0,
    },
    {
      name: 'PGlite without pgvector: full-text only, nothing embedded',
      pgvector: false,
      dimensions: 16,
      description: 'SQL, full-text only: the database has no pgvector extension, text search simple',
      texts: 0,
    },
  ])('$name', async ({ pgvector, dimensions, description, texts }) => {
    await withPglite(pgvector, async (sql) => {
      expect(await embeddedTexts(sql, embeddingsEnv(dimensions), description)).toBe(texts);
    });
  });

  it('PostgreSQL without pgvector: full-text only, nothing embedded', async () => {
    const schema = `cc_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const sql = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
    try {
      await migrate(sql);
      const texts = await embeddedTexts(
        sql,
        embeddingsEnv(16),
        'SQL, full-text only: the database has no pgvector extension, text search simple',
      );
      expect(texts).toBe(0);
    } finally {
      await sql.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});

describe('createKnowledgeFromEnv', () => {
  it('defaults to full-text search in memory with a 20 MiB upload limit', async () => {
    const built = await createKnowledgeFromEnv({ env: {} });
    expect(built.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(built.description).toBe(
      'in memory, full-text only: no embedder configured (set COMPANY_CHAT_EMBEDDINGS_MODEL for hybrid search), text search simple',
    );
  });

  it('uses the SQL database with the configured language', async () => {
    const sql = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    try {
      await migrate(sql);
      const built = await createKnowledgeFromEnv({
        env: {
          COMPANY_CHAT_SEARCH_LANGUAGE: 'english',
          COMPANY_CHAT_MAX_UPLOAD_MB: '2',
          COMPANY_CHAT_EMBEDDINGS_MODEL: 'nomic-embed-text',
          COMPANY_CHAT_EMBEDDINGS_BASE_URL: 'http://127.0.0.1:11434/v1',
          COMPANY_CHAT_EMBEDDINGS_DIMENSIONS: '768',
        },
        sql,
        logger: silent,
      });
      expect(built.maxUploadBytes).toBe(2 * 1024 * 1024);
      expect(built.description).toBe(
        'SQL, full-text only: the database has no pgvector extension, text search english',
      );
      await expect(createKnowledgeFromEnv({ env: { COMPANY_CHAT_SEARCH_LANGUAGE: 'klingon' }, sql })).rejects.toThrow(
        /COMPANY_CHAT_SEARCH_LANGUAGE/,
      );
    } finally {
      await sql.close();
    }
  });

  it('rejects bad settings with a clear message', async () => {
    await expect(createKnowledgeFromEnv({ env: { COMPANY_CHAT_MAX_UPLOAD_MB: 'lots' } })).rejects.toThrow(
      /MAX_UPLOAD_MB/,
    );
    await expect(createKnowledgeFromEnv({ env: { COMPANY_CHAT_EMBEDDINGS_MODEL: 'm' } })).rejects.toThrow(
      /BASE_URL or an API key/,
    );
    await expect(
      createKnowledgeFromEnv({
        env: { COMPANY_CHAT_EMBEDDINGS_MODEL: 'm', COMPANY_CHAT_EMBEDDINGS_BASE_URL: 'ftp://x' },
      }),
    ).rejects.toThrow(/http/);
  });
});
