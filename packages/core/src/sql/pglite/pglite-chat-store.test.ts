import { runChatStoreConformance } from '@company-chat/testing/conformance';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../migrate.js';
import { createSqlChatStore } from '../sql-chat-store.js';
import { createPgliteSqlClient } from './pglite-sql-client.js';

// One real PGlite engine for the file (starting one costs about a second), a fresh schema per test:
// the same isolation as the PostgreSQL suite. The factory with a data directory, its lock and crash
// recovery are tested in create-pglite-chat-store.test.ts.
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db.close();
});

runChatStoreConformance('PGlite', async () => {
  const schema = `cc_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  // PGlite is a single connection and this file's tests run one at a time, so the search_path holds.
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  const client = createPgliteSqlClient(db);
  await migrate(client);
  return {
    store: createSqlChatStore(client),
    cleanup: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`);
    },
  };
});
