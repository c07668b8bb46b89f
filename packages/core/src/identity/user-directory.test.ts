import { userDirectoryCases } from '@company-chat/testing/conformance';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrate } from '../sql/migrate.js';
import { createPgliteSqlClient } from '../sql/pglite/pglite-sql-client.js';
import { createPgSqlClient } from '../sql/postgres/pg-sql-client.js';
import { createMemoryUserDirectory } from './memory-user-directory.js';
import { createSqlUserDirectory } from './sql-user-directory.js';

describe('memory user directory', () => {
  userDirectoryCases(async () => ({ users: createMemoryUserDirectory() }));
});

describe('SQL user directory on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db.close();
  });
  userDirectoryCases(async () => {
    const schema = `cc_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    const client = createPgliteSqlClient(db);
    await migrate(client);
    return {
      users: createSqlUserDirectory(client),
      cleanup: () => db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`).then(() => {}),
    };
  });
});

describe('SQL user directory on PostgreSQL', () => {
  userDirectoryCases(async () => {
    const { schema, drop } = await createTestSchema();
    const client = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
    await migrate(client);
    return {
      users: createSqlUserDirectory(client),
      cleanup: async () => {
        await client.close();
        await drop();
      },
    };
  });
});
