import type pg from 'pg';
import type { ChatStore } from '../../conversations/chat-store.js';
import type { RecoverOptions } from '../../conversations/types.js';
import { migrate } from '../migrate.js';
import { createSqlChatStore } from '../sql-chat-store.js';
import { createPgSqlClient, type PgTimeouts } from './pg-sql-client.js';

/** Options of {@link createPostgresChatStore}: a connection string (e.g. `DATABASE_URL`) or your own pool. */
export type PostgresChatStoreOptions = (
  | { connectionString: string; pool?: undefined; schema?: string; max?: number; timeouts?: PgTimeouts }
  | { pool: pg.Pool; connectionString?: undefined; schema?: undefined; max?: undefined; timeouts?: undefined }
) & {
  /** Apply pending migrations on start (default true; `company-chat migrate` does it separately). */
  migrate?: boolean;
  /**
   * What start-up does with answers left `streaming`. Default: the lease-based sweep
   * (`recoverAbandoned`), which marks only answers whose lock expired, so starting one instance never
   * touches another's live answers. `RecoverOptions` marks every answer not written for `staleAfterMs`
   * instead (the former behaviour); `false` does nothing.
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
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      });
  try {
    if (options.migrate !== false) await migrate(client);
    const store = createSqlChatStore(client);
    if (options.recoverInterrupted === undefined) await store.recoverAbandoned();
    else if (options.recoverInterrupted !== false) await store.recoverInterrupted(options.recoverInterrupted);
    return store;
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}
