import pg from 'pg';
import type { SqlClient, SqlResult } from '../sql-client.js';
import { toStoreError } from './store-unavailable.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

function wrap(db: Queryable, transaction: SqlClient['transaction'], close: () => Promise<void>): SqlClient {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
      try {
        const result = await db.query(sql, params as unknown[]);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
      } catch (error) {
        throw toStoreError(error);
      }
    },
    async exec(sql) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      try {
        await db.query(sql);
      } catch (error) {
        throw toStoreError(error);
      }
    },
    transaction,
    close,
  };
}

/**
 * Time limits on the pool's connections, so a database that is down or stops answering fails requests
 * quickly (`503 store_unavailable`) instead of leaving them hanging. All in ms; 0 turns one off.
 */
export interface PgTimeouts {
  /** Longest wait for a new connection (TCP and start-up). Default 5 000. */
  connectTimeoutMs?: number;
  /** Longest wait for a query's answer, enforced by the client (also when the server is black-holed). Default 20 000. */
  queryTimeoutMs?: number;
  /** `statement_timeout`: the server cancels a statement that runs longer. Default 15 000. */
  statementTimeoutMs?: number;
}

/** Defaults of {@link PgTimeouts}. */
export const DEFAULT_PG_TIMEOUTS: Required<PgTimeouts> = {
  connectTimeoutMs: 5_000,
  queryTimeoutMs: 20_000,
  statementTimeoutMs: 15_000,
};

/** Options of {@link createPgSqlClient}: a pool you own, or a connection string (the client owns its pool). */
export type PgSqlClientOptions =
  | { pool: pg.Pool; connectionString?: undefined; schema?: undefined; max?: undefined; timeouts?: undefined }
  | { connectionString: string; pool?: undefined; schema?: string; max?: number; timeouts?: PgTimeouts };

/**
 * A {@link SqlClient} over a `pg` Pool. With `schema`, every connection's `search_path` is that schema
 * (set through the startup options, so it holds on every pooled connection). Failures to reach the
 * database become `store_unavailable` errors (503, retryable).
 */
export function createPgSqlClient(options: PgSqlClientOptions): SqlClient {
  const ownsPool = !options.pool;
  const timeouts = { ...DEFAULT_PG_TIMEOUTS, ...options.timeouts };
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      // 0 means "no limit" to pg as well.
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      ...(timeouts.queryTimeoutMs > 0 ? { query_timeout: timeouts.queryTimeoutMs } : {}),
      ...(timeouts.statementTimeoutMs > 0 ? { statement_timeout: timeouts.statementTimeoutMs } : {}),
      // Notices a peer that vanished without closing the connection.
      keepAlive: true,
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
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toStoreError(error);
      }
      // A connection whose ROLLBACK failed is broken: destroy it rather than return it to the pool.
      let broken: Error | undefined;
      // A checked-out connection that dies between two statements emits 'error'; unheard, that would
      // crash the process. The next statement fails and reports it.
      const onConnectionError = (error: Error) => {
        broken = error;
      };
      client.on('error', onConnectionError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, nested, async () => {}));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw toStoreError(error);
      } finally {
        client.removeListener('error', onConnectionError);
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
