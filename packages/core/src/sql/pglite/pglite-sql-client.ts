import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlResult } from '../sql-client.js';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

function wrap(db: Queryable, transaction: SqlClient['transaction'], close: () => Promise<void>): SqlClient {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
      const result = await db.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(sql) {
      await db.exec(sql);
    },
    transaction,
    close,
  };
}

/**
 * A {@link SqlClient} over a PGlite instance. PGlite is one connection: its own mutex runs queries and
 * transactions one at a time, so a transaction never interleaves with another caller's query.
 * `close()` closes the PGlite instance only when `ownsDb` is true.
 */
export function createPgliteSqlClient(db: PGliteInterface, options: { ownsDb?: boolean } = {}): SqlClient {
  const nested = (): never => {
    throw new Error('Nested transactions are not supported.');
  };
  const close = async () => {
    if (options.ownsDb) await db.close();
  };
  return wrap(db, (fn) => db.transaction((tx) => fn(wrap(tx, nested, async () => {}))), close);
}
