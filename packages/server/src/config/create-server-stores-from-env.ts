import { resolve } from 'node:path';
import type { SqlClient } from '@company-chat/core';
import type { Env } from './config-from-env.js';
import { createStoreFromEnv, DEFAULT_DATA_DIR, type StoreFromEnv, storeInMemory } from './create-store-from-env.js';
import { dbTimeoutsFromEnv } from './timeouts-from-env.js';

/** The chat store plus, when it is SQL, a client on the same database for identity, usage and audit. */
export interface ServerStoresFromEnv extends StoreFromEnv {
  /** Null for the memory store. */
  sql: SqlClient | null;
  /** Closes the store and the SQL client. */
  close(): Promise<void>;
}

/**
 * {@link createStoreFromEnv} for the server: the same choice of store, and an {@link SqlClient} on the
 * same database so API keys, accounts, users, usage and audit records live next to the conversations
 * (migrations 0003 and 0004 are applied with the others). PGlite allows one instance per directory,
 * so for it the database is opened here and shared.
 */
export async function createServerStoresFromEnv(env: Env, cwd: string = process.cwd()): Promise<ServerStoresFromEnv> {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (storeInMemory(env)) {
    const chat = await createStoreFromEnv(env, cwd);
    return { ...chat, sql: null, close: () => chat.store.close() };
  }
  if (databaseUrl) {
    const chat = await createStoreFromEnv(env, cwd);
    const { createPgSqlClient } = await import('@company-chat/core/postgres');
    const sql = createPgSqlClient({ connectionString: databaseUrl, max: 4, timeouts: dbTimeoutsFromEnv(env) });
    return {
      ...chat,
      sql,
      close: async () => {
        await chat.store.close();
        await sql.close();
      },
    };
  }
  const dataDir = resolve(cwd, env.COMPANY_CHAT_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const [{ PGlite }, { createPgliteChatStore, createPgliteSqlClient, lockDataDir }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@company-chat/core/pglite'),
  ]);
  const release = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir });
    const store = await createPgliteChatStore({ db });
    // The store was given the database, so it neither locks nor closes it: this client owns it.
    const sql = createPgliteSqlClient(db, { ownsDb: true });
    return {
      store,
      kind: 'pglite',
      description: `PGlite (embedded PostgreSQL) in ${dataDir}`,
      sql,
      close: async () => {
        try {
          await store.close();
          await sql.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
