import type pg from 'pg';
import type { ChatStore } from '../../conversations/chat-store.js';
import type { RecoverOptions } from '../../conversations/types.js';
import { migrate } from '../migrate.js';
import { createSqlChatStore } from '../sql-chat-store.js';
import { createPgSqlClient } from './pg-sql-client.js';

/** Options of {@link createPostgresChatStore}: a connection string (e.g. `DATABASE_URL`) or your own pool. */
export type PostgresChatStoreOptions = (
  | { connectionString: string; pool?: undefined; schema?: string; max?: number }
  | { pool: pg.Pool; connectionString?: undefined; schema?: undefined; max?: undefined }
) & {
  /** Apply pending migrations on start (default true; `company-chat migrate` does it separately). */
  migrate?: boolean;
  /**
   * Mark answers left `streaming` by a crashed process as `interrupted` on start (default `{}`: all).
   * With several instances sharing the database pass `{ staleAfterMs: 60_000 }` (or `false`) so
   * starting one instance does not touch another's live answers.
   */
  recoverInterrupted?: RecoverOptions | false;
};

/**
 * A {@link ChatStore} on PostgreSQL through `pg`: for several server instances behind a load balancer.
 * Same schema and queries as the PGlite store.
 *
 * @example
 * ```ts
 * import { createPostgresChatStore } from '@company-chat/core/postgres';
 * const store = await createPostgresChatStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 */
export async function createPostgresChatStore(options: PostgresChatStoreOptions): Promise<ChatStore> {
  const client = options.pool
    ? createPgSqlClient({ pool: options.pool })
    : createPgSqlClient({
        connectionString: options.connectionString,
        ...(options.schema ? { schema: options.schema } : {}),
        ...(options.max ? { max: options.max } : {}),
      });
  try {
    if (options.migrate !== false) await migrate(client);
    const store = createSqlChatStore(client);
    if (options.recoverInterrupted !== false) await store.recoverInterrupted(options.recoverInterrupted ?? {});
    return store;
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}
