import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import type { ChatStore } from '../../conversations/chat-store.js';
import { migrate } from '../migrate.js';
import { createSqlChatStore } from '../sql-chat-store.js';
import { lockDataDir } from './data-dir-lock.js';
import { createPgliteSqlClient } from './pglite-sql-client.js';

/** Options of {@link createPgliteChatStore}. */
export interface PgliteChatStoreOptions {
  /** Directory of the database (created when missing). Omitted: in memory, gone on exit. */
  dataDir?: string;
  /** An already-open PGlite instance (not closed by the store). Overrides `dataDir`. */
  db?: PGliteInterface;
}

/**
 * A {@link ChatStore} on PGlite, Postgres compiled to WASM running in this process: the zero-configuration
 * default, on disk under a data directory. Applies migrations, takes the directory's lock (a second
 * process is refused with `data_dir_locked`) and marks answers left `streaming` by a crash as `interrupted`.
 *
 * @example
 * ```ts
 * import { createPgliteChatStore } from '@company-chat/core/pglite';
 * const store = await createPgliteChatStore({ dataDir: './.company-chat/db' });
 * ```
 */
export async function createPgliteChatStore(options: PgliteChatStoreOptions = {}): Promise<ChatStore> {
  const release = !options.db && options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const db = options.db ?? (await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {}));
    const client = createPgliteSqlClient(db, { ownsDb: !options.db });
    try {
      await migrate(client);
      const store = createSqlChatStore(client, { onClose: async () => release() });
      // One process per directory (the lock above), so anything still streaming was cut off by a crash.
      await store.recoverInterrupted();
      return store;
    } catch (error) {
      await client.close().catch(() => {});
      throw error;
    }
  } catch (error) {
    release();
    throw error;
  }
}
