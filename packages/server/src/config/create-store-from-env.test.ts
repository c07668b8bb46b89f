import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '@company-chat/core';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreFromEnv, migrateFromEnv } from './create-store-from-env.js';

const owner = { tenantId: 't', userId: 'u' };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('createStoreFromEnv', () => {
  it('defaults to PGlite under ./.company-chat and keeps history across restarts', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cc-env-'));
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const first = await createStoreFromEnv({}, cwd);
    expect(first.kind).toBe('pglite');
    expect(first.description).toContain(join(cwd, '.company-chat', 'db'));
    const c = await first.store.createConversation(owner, { title: 'survives' });
    await first.store.close();
    const second = await createStoreFromEnv({}, cwd);
    cleanups.push(() => second.store.close());
    expect((await second.store.getConversation(owner, c.id))?.title).toBe('survives');
  });

  it('uses PostgreSQL when DATABASE_URL is set, and `migrate` is a no-op after start', async () => {
    const schema = `cc_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    });
    // libpq-style `options` in the URL selects the schema, as an operator would.
    const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const migrated = await migrateFromEnv({ DATABASE_URL: url });
    expect(migrated.applied).toEqual(migrations.map((m) => m.id));
    expect((await migrateFromEnv({ DATABASE_URL: url })).applied).toEqual([]);
    const { store, kind, description } = await createStoreFromEnv({ DATABASE_URL: url });
    cleanups.push(() => store.close());
    expect(kind).toBe('postgres');
    const where = new URL(TEST_DATABASE_URL);
    expect(description).toContain(`${where.host}${where.pathname}`);
    const c = await store.createConversation(owner, { title: 'in pg' });
    const { rows } = await admin.query(`SELECT title FROM ${schema}.conversations WHERE id = $1`, [c.id]);
    expect(rows).toEqual([{ title: 'in pg' }]);
  });

  it('hides the password of DATABASE_URL in the description', async () => {
    const env = { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/none', COMPANY_CHAT_STORE: 'memory' };
    const memory = await createStoreFromEnv(env);
    expect(memory.kind).toBe('memory');
    await expect(createStoreFromEnv({ DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/none' })).rejects.not.toThrow(
      /s3cret/,
    );
  });
});
