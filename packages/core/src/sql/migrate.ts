import { migrations as allMigrations, type Migration } from './migrations/migrations.js';
import type { SqlClient } from './sql-client.js';

// An arbitrary constant: every company-chat instance migrating the same database waits on this lock.
const MIGRATION_LOCK_KEY = 7_253_911_406;

/**
 * Applies the migrations not yet recorded in `company_chat_migrations`, in one transaction.
 * Safe to run twice and from several instances at once: a transaction-scoped advisory lock makes the
 * second instance wait, then find everything applied. Tables are created in the connection's
 * `search_path` schema. Returns the ids applied now.
 *
 * @example
 * ```ts
 * await migrate(createPgSqlClient({ connectionString: process.env.DATABASE_URL }));
 * ```
 */
export async function migrate(db: SqlClient, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Lock first: two concurrent `CREATE TABLE IF NOT EXISTS` can still collide in the catalog.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS company_chat_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM company_chat_migrations');
    const applied = new Set(rows.map((r) => r.id));
    const now: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO company_chat_migrations (id) VALUES ($1)', [migration.id]);
      now.push(migration.id);
    }
    return now;
  });
}
