// Entry `@company-chat/core/postgres`: the `pg` driver (Node, Bun), kept out of the main entry.
export {
  createPostgresChatStore,
  type PostgresChatStoreOptions,
} from './sql/postgres/create-postgres-chat-store.js';
export {
  createPgSqlClient,
  DEFAULT_PG_TIMEOUTS,
  type PgSqlClientOptions,
  type PgTimeouts,
} from './sql/postgres/pg-sql-client.js';
