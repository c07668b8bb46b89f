/** The result of one statement. */
export interface SqlResult<R> {
  rows: R[];
  /** Rows inserted, updated, deleted or returned. */
  rowCount: number;
}

/**
 * The few things the SQL stores need from a Postgres connection, so one store implementation runs on
 * PGlite (embedded, WASM) and on PostgreSQL (`pg`). Adapters: `createPgliteSqlClient` and
 * `createPgSqlClient`. Parameters are always passed separately (`$1`, `$2`...), never spliced into SQL.
 */
export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Releases the connection(s) this client owns. */
  close(): Promise<void>;
}
