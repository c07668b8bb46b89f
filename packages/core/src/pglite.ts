// Entry `@company-chat/core/pglite`: Node-only (PGlite on disk, file locks), kept out of the main entry.
export {
  createPgliteChatStore,
  type PgliteChatStoreOptions,
} from './sql/pglite/create-pglite-chat-store.js';
export { lockDataDir } from './sql/pglite/data-dir-lock.js';
export { createPgliteSqlClient } from './sql/pglite/pglite-sql-client.js';
