import { runBlobStoreConformance } from '@company-chat/testing/conformance';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import { afterAll } from 'vitest';
import { migrate } from '../../sql/migrate.js';
import { createPgliteSqlClient } from '../../sql/pglite/pglite-sql-client.js';
import { createPgSqlClient } from '../../sql/postgres/pg-sql-client.js';
import type { SqlClient } from '../../sql/sql-client.js';
import { createSqlBlobStore } from './sql-blob-store.js';

// One migrated database per suite, emptied before each test: migrating PGlite per test is slow.
function sharedDatabase(open: () => Promise<{ db: SqlClient; close: () => Promise<void> }>) {
  let opened: ReturnType<typeof open> | undefined;
  afterAll(async () => (await opened)?.close());
  return async () => {
    opened ??= open().then(async (o) => {
      await migrate(o.db);
      return o;
    });
    const { db } = await opened;
    await db.query('DELETE FROM file_blobs');
    // A small slice, so multi-part reads are exercised without megabytes of test data per slice.
    return { blobs: createSqlBlobStore(db, { sliceBytes: 256 * 1024 }) };
  };
}

runBlobStoreConformance(
  'PGlite',
  sharedDatabase(async () => {
    const db = createPgliteSqlClient(await PGlite.create(), { ownsDb: true });
    return { db, close: () => db.close() };
  }),
);

runBlobStoreConformance(
  'PostgreSQL',
  sharedDatabase(async () => {
    const { schema, drop } = await createTestSchema();
    const db = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
    return {
      db,
      close: async () => {
        await db.close();
        await drop();
      },
    };
  }),
);
