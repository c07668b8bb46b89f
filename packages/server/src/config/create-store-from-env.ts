import { resolve } from 'node:path';
import { type ChatStore, createMemoryChatStore } from '@company-chat/core';
import type { Env } from './config-from-env.js';
import { enumFromEnv } from './enumerated-env.js';
import { dbTimeoutsFromEnv, msFromEnv } from './timeouts-from-env.js';

/** The store the server uses and a line describing it for the start-up log (never contains a password). */
export interface StoreFromEnv {
  store: ChatStore;
  kind: 'pglite' | 'postgres' | 'memory';
  description: string;
}

/** Default data directory of the embedded database, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.company-chat/db';

/**
 * Picks the conversation store from the environment:
 * - `DATABASE_URL` (postgres://...) → PostgreSQL, for several instances behind a load balancer;
 * - otherwise PGlite on disk in `COMPANY_CHAT_DATA_DIR` (default `./.company-chat/db`): history survives
 *   restarts with no configuration;
 * - `COMPANY_CHAT_STORE=memory` → in memory (tests, demos); any other value is a `ConfigError`.
 * Migrations are applied and answers cut off by a crash are marked `interrupted`.
 */
export async function createStoreFromEnv(env: Env, cwd: string = process.cwd()): Promise<StoreFromEnv> {
  if (storeInMemory(env)) {
    return {
      store: createMemoryChatStore(),
      kind: 'memory',
      description: 'in memory (conversations are lost when the server stops)',
    };
  }
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const { createPostgresChatStore } = await import('@company-chat/core/postgres');
    const recoverAfterMs = msFromEnv(env, 'COMPANY_CHAT_RECOVER_AFTER_MS');
    const store = await createPostgresChatStore({
      connectionString: databaseUrl,
      timeouts: dbTimeoutsFromEnv(env),
      // Default: the lease-based sweep, safe with several instances. The former age-based recovery
      // only when asked for.
      ...(recoverAfterMs === undefined ? {} : { recoverInterrupted: { staleAfterMs: recoverAfterMs } }),
    });
    return { store, kind: 'postgres', description: `PostgreSQL at ${redact(databaseUrl)}` };
  }
  const dataDir = resolve(cwd, env.COMPANY_CHAT_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const { createPgliteChatStore } = await import('@company-chat/core/pglite');
  const store = await createPgliteChatStore({ dataDir });
  return { store, kind: 'pglite', description: `PGlite (embedded PostgreSQL) in ${dataDir}` };
}

/** Whether `COMPANY_CHAT_STORE` asks for the memory store; throws on a value that is not `memory`. */
export function storeInMemory(env: Env): boolean {
  return enumFromEnv(env, 'COMPANY_CHAT_STORE', ['memory']) === 'memory';
}

/** Applies pending migrations to the configured database (`company-chat migrate`); returns the ids applied. */
export async function migrateFromEnv(
  env: Env,
  cwd: string = process.cwd(),
): Promise<{ applied: string[]; description: string }> {
  const { migrate } = await import('@company-chat/core');
  storeInMemory(env);
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const { createPgSqlClient } = await import('@company-chat/core/postgres');
    const client = createPgSqlClient({ connectionString: databaseUrl, max: 1, timeouts: dbTimeoutsFromEnv(env) });
    try {
      return { applied: await migrate(client), description: `PostgreSQL at ${redact(databaseUrl)}` };
    } finally {
      await client.close();
    }
  }
  const dataDir = resolve(cwd, env.COMPANY_CHAT_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const [{ PGlite }, { createPgliteSqlClient, lockDataDir }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@company-chat/core/pglite'),
  ]);
  const release = lockDataDir(dataDir);
  try {
    const client = createPgliteSqlClient(await PGlite.create({ dataDir }), { ownsDb: true });
    try {
      return { applied: await migrate(client), description: `PGlite in ${dataDir}` };
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

/** The connection string without its password, for logs. */
function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
