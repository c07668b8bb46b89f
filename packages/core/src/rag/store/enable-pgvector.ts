import type { Logger } from '../../engine/logger.js';
import type { SqlClient } from '../../sql/sql-client.js';

/** What {@link enablePgvector} found: vector search with or without iterative scans, or why not. */
export type PgvectorSupport = { enabled: true; iterativeScan: boolean } | { enabled: false; reason: string };

/**
 * Adds `chunks.embedding vector(n)` and its HNSW index when pgvector can be enabled, and says whether
 * it supports iterative index scans (0.8+). Says why not,
 * with a log line saying retrieval stays full-text only, when the extension is not installed or the
 * column already has another length (a different embedding model: re-ingest to switch).
 */
export async function enablePgvector(db: SqlClient, dimensions: number, logger: Logger): Promise<PgvectorSupport> {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000) {
    throw new TypeError(`Invalid vector length ${dimensions}.`);
  }
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  } catch {
    logger.warn('pgvector is not available in this database: knowledge retrieval is full-text only.');
    return { enabled: false, reason: 'the database has no pgvector extension' };
  }
  const { rows } = await db.query<{ type: string }>(
    `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = 'chunks'::regclass AND attname = 'embedding' AND NOT attisdropped`,
  );
  const wanted = `vector(${dimensions})`;
  if (rows[0] && rows[0].type !== wanted) {
    const reason = `chunks.embedding is ${rows[0].type}, the embedder gives ${wanted} (re-ingest to switch models)`;
    logger.warn(`${reason}: knowledge retrieval is full-text only.`);
    return { enabled: false, reason };
  }
  if (!rows[0]) {
    await db.transaction(async (tx) => {
      await tx.exec(`ALTER TABLE chunks ADD COLUMN IF NOT EXISTS embedding ${wanted}`);
      await tx.exec('CREATE INDEX IF NOT EXISTS chunks_embedding ON chunks USING hnsw (embedding vector_cosine_ops)');
    });
  }
  const version = await db.query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'");
  const [major = 0, minor = 0] = (version.rows[0]?.v ?? '0.0').split('.').map(Number);
  return { enabled: true, iterativeScan: major > 0 || minor >= 8 };
}
