import pg from 'pg';
import type { SqlClient, SqlResult } from '../sql-client.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

function wrap(db: Queryable, transaction: SqlClient['transaction'], close: () => Promise<void>): SqlClient {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
      const result = await db.query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await db.query(sql);
    },
    transaction,
    close,
  };
}

/** Options of {@link createPgSqlClient}: a pool you own, or a connection string (the client owns its pool). */
export type PgSqlClientOptions =
  | { pool: pg.Pool; connectionString?: undefined; schema?: undefined; max?: undefined }
  | { connectionString: string; pool?: undefined; schema?: string; max?: number };

/**
 * A {@link SqlClient} over a `pg` Pool. With `schema`, every connection's `search_path` is that schema
 * (set through the startup options, so it holds on every pooled connection).
 */
export function createPgSqlClient(options: PgSqlClientOptions): SqlClient {
  const ownsPool = !options.pool;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
    });
  // An idle client losing its connection (database restart) must not crash the process.
  if (ownsPool) pool.on('error', () => {});
  const nested = (): never => {
    throw new Error('Nested transactions are not supported.');
  };
  return wrap(
    pool,
    async (fn) => {
      const client = await pool.connect();
      // A connection whose ROLLBACK failed is broken: destroy it rather than return it to the pool.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, nested, async () => {}));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async () => {
      if (ownsPool) await pool.end();
    },
  );
}

/** Quotes a schema name for the startup options; only plain identifiers are accepted. */
function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid schema name "${name}".`);
  return name;
}
