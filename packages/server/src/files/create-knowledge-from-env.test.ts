import { migrate } from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createKnowledgeFromEnv } from './create-knowledge-from-env.js';

const silent = { info() {}, warn() {}, error() {} };

describe('createKnowledgeFromEnv', () => {
  it('defaults to full-text search in memory with a 20 MiB upload limit', async () => {
    const built = await createKnowledgeFromEnv({ env: {} });
    expect(built.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(built.description).toBe('in memory, full-text search (simple)');
  });

  it('uses the SQL database with the configured language and reports a missing pgvector as full-text', async () => {
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
      expect(built.description).toBe('SQL, full-text search (english)');
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
