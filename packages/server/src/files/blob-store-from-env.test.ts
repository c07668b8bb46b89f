import { migrate } from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-from-env.js';
import { blobStoreFromEnv } from './blob-store-from-env.js';
import { relevanceFloorFromEnv } from './relevance-floor-from-env.js';

const s3 = {
  COMPANY_CHAT_FILE_STORAGE: 's3',
  COMPANY_CHAT_S3_ENDPOINT: 'http://127.0.0.1:9000',
  COMPANY_CHAT_S3_BUCKET: 'chat-files',
  COMPANY_CHAT_S3_ACCESS_KEY_ID: 'id',
  COMPANY_CHAT_S3_SECRET_ACCESS_KEY: 'secret',
};

describe('blobStoreFromEnv', () => {
  // Starting and migrating PGlite is slow on a busy machine.
  it('keeps originals in the database by default, in memory without one', { timeout: 300_000 }, async () => {
    const sql = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    try {
      await migrate(sql);
      const { blobs, description } = await blobStoreFromEnv({}, sql);
      expect(description).toBe('originals in the database');
      await blobs.put('files/x/y', new Uint8Array([1, 2, 3]));
      const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM file_blobs');
      expect(rows[0]!.n).toBe(1);
      expect((await blobStoreFromEnv({ COMPANY_CHAT_FILE_STORAGE: 'memory' }, sql)).description).toBe(
        'originals in memory',
      );
    } finally {
      await sql.close();
    }
    expect((await blobStoreFromEnv({}, undefined)).description).toBe('originals in memory');
  });

  it('builds S3 storage, naming the bucket but no secret', async () => {
    const { description } = await blobStoreFromEnv(s3, undefined);
    expect(description).toBe('originals in S3 bucket chat-files');
    expect(description).not.toContain('secret');
  });

  it('stops on incomplete or invalid settings', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...s3, COMPANY_CHAT_S3_BUCKET: '' }, /needs COMPANY_CHAT_S3_BUCKET/],
      [{ ...s3, COMPANY_CHAT_S3_SECRET_ACCESS_KEY: ' ' }, /needs COMPANY_CHAT_S3_SECRET_ACCESS_KEY/],
      [{ ...s3, COMPANY_CHAT_S3_ENDPOINT: 'ftp://x' }, /must be an http\(s\) URL/],
      [{ ...s3, COMPANY_CHAT_S3_PREFIX: '../x/' }, /COMPANY_CHAT_S3_PREFIX/],
      [{ ...s3, COMPANY_CHAT_S3_PATH_STYLE: 'yes' }, /COMPANY_CHAT_S3_PATH_STYLE must be one of true, false/],
      [{ COMPANY_CHAT_FILE_STORAGE: 'disk' }, /COMPANY_CHAT_FILE_STORAGE must be one of database, memory, s3/],
      [{ COMPANY_CHAT_FILE_STORAGE: 'database' }, /needs a database/],
    ];
    for (const [env, message] of cases) {
      const error = await blobStoreFromEnv(env, undefined).catch((e: unknown) => e);
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('relevanceFloorFromEnv', () => {
  it('reads both floors and refuses values out of range', () => {
    expect(relevanceFloorFromEnv({})).toEqual({});
    expect(
      relevanceFloorFromEnv({ COMPANY_CHAT_MIN_TEXT_RELEVANCE: '0.35', COMPANY_CHAT_MIN_VECTOR_SIMILARITY: '0.5' }),
    ).toEqual({ minTextRelevance: 0.35, minVectorSimilarity: 0.5 });
    expect(relevanceFloorFromEnv({ COMPANY_CHAT_MIN_TEXT_RELEVANCE: '0' })).toEqual({ minTextRelevance: 0 });
    for (const env of [
      { COMPANY_CHAT_MIN_TEXT_RELEVANCE: '1.5' },
      { COMPANY_CHAT_MIN_TEXT_RELEVANCE: 'high' },
      { COMPANY_CHAT_MIN_VECTOR_SIMILARITY: '-2' },
    ]) {
      expect(() => relevanceFloorFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
