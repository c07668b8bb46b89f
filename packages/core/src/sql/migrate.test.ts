import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { migrations } from './migrations/migrations.js';
import { createPgliteSqlClient } from './pglite/pglite-sql-client.js';
import { createPgSqlClient } from './postgres/pg-sql-client.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const tables = [
  'api_keys',
  'audit_log',
  'auth_sessions',
  'chunks',
  'company_chat_migrations',
  'conversations',
  'file_blobs',
  'files',
  'messages',
  'refresh_tokens',
  'tenants',
  'term_stats',
  'usage_records',
  'users',
];

describe('migrate', () => {
  it('creates the schema on PostgreSQL once, even from two instances at the same time', async () => {
    const { schema, drop } = await createTestSchema();
    cleanups.push(drop);
    const a = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema });
    const b = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema });
    cleanups.push(a.close, b.close);
    const [first, second] = await Promise.all([migrate(a), migrate(b)]);
    expect([...first, ...second]).toEqual(migrations.map((m) => m.id));
    expect(await migrate(a)).toEqual([]);
    const { rows } = await a.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual(tables);
    const applied = await a.query<{ id: string }>('SELECT id FROM company_chat_migrations');
    expect(applied.rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
  });

  it('creates the same schema on PGlite and is a no-op the second time', async () => {
    const db = await PGlite.create();
    const client = createPgliteSqlClient(db, { ownsDb: true });
    cleanups.push(client.close);
    expect(await migrate(client)).toEqual(migrations.map((m) => m.id));
    expect(await migrate(client)).toEqual([]);
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(tables);
  });

  it('rolls back a failing migration completely', async () => {
    const db = await PGlite.create();
    const client = createPgliteSqlClient(db, { ownsDb: true });
    cleanups.push(client.close);
    const broken = [
      ...migrations,
      { id: '9999-broken', sql: 'CREATE TABLE half (id int); SELECT nonsense FROM nowhere;' },
    ];
    await expect(migrate(client, broken)).rejects.toThrow();
    const { rows } = await client.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name IN ('half', 'messages')",
    );
    expect(rows).toEqual([]);
  });
});
