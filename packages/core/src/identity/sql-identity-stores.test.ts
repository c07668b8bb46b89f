import { accountsCases, apiKeysCases } from '@company-chat/testing/conformance';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../sql/migrate.js';
import { type Migration, migrations } from '../sql/migrations/migrations.js';
import { createPgliteSqlClient } from '../sql/pglite/pglite-sql-client.js';
import { createPgSqlClient } from '../sql/postgres/pg-sql-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createSqlAccountStore } from './sql-account-store.js';
import { createSqlApiKeyStore } from './sql-api-key-store.js';
import { migration0003Identity } from './sql-identity-migration.js';

// Until 0003-identity is registered in the shared list, apply it after the shared migrations.
const all: Migration[] = migrations.some((m) => m.id === '0003-identity')
  ? [...migrations]
  : [...migrations, { id: '0003-identity', sql: migration0003Identity }];

describe('SQL identity stores on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db.close();
  });
  async function fresh(): Promise<{ client: SqlClient; cleanup: () => Promise<void> }> {
    const schema = `cc_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    const client = createPgliteSqlClient(db);
    await migrate(client, all);
    return {
      client,
      cleanup: async () => void (await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`)),
    };
  }
  describe('API keys', () => {
    apiKeysCases(async () => {
      const { client, cleanup } = await fresh();
      return { store: createSqlApiKeyStore(client), cleanup };
    });
  });
  describe('accounts', () => {
    accountsCases(async () => {
      const { client, cleanup } = await fresh();
      return { store: createSqlAccountStore(client), cleanup };
    });
  });
});

describe('SQL identity stores on PostgreSQL', () => {
  async function fresh(): Promise<{ client: SqlClient; cleanup: () => Promise<void> }> {
    const { schema, drop } = await createTestSchema();
    const client = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    await migrate(client, all);
    return {
      client,
      cleanup: async () => {
        await client.close();
        await drop();
      },
    };
  }
  describe('API keys', () => {
    apiKeysCases(async () => {
      const { client, cleanup } = await fresh();
      return { store: createSqlApiKeyStore(client), cleanup };
    });
  });
  describe('accounts', () => {
    accountsCases(async () => {
      const { client, cleanup } = await fresh();
      return { store: createSqlAccountStore(client), cleanup };
    });
  });

  it('rotates a refresh token for exactly one of 20 concurrent callers over a pool', async () => {
    const { client, cleanup } = await fresh();
    try {
      const store = createSqlAccountStore(client);
      const now = new Date();
      const session = {
        id: crypto.randomUUID(),
        tenantId: 't',
        accountId: 'a',
        createdAt: now,
        expiresAt: new Date(now.getTime() + 60_000),
        revokedAt: null,
      };
      await store.insertSession(session);
      await store.insertRefreshToken({
        hash: 'h1',
        sessionId: session.id,
        createdAt: now,
        expiresAt: session.expiresAt,
        rotatedAt: null,
      });
      const wins = await Promise.all(Array.from({ length: 20 }, () => store.markRefreshTokenRotated('h1', new Date())));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.getSession('not-a-uuid')).toBeNull();
    } finally {
      await cleanup();
    }
  });
});
