import type { Logger } from '../../engine/logger.js';
import { consoleLogger } from '../../engine/logger.js';
import { isUuid } from '../../sql/is-uuid.js';
import type { SqlClient } from '../../sql/sql-client.js';
import type {
  ChunkSource,
  KnowledgeFile,
  KnowledgeStore,
  Reader,
  SearchOptions,
  StoredChunk,
} from '../knowledge-types.js';
import { chunkBatches } from './chunk-batches.js';
import { enablePgvector, type PgvectorSupport } from './enable-pgvector.js';
import {
  CHUNK_COLUMNS,
  type ChunkRow,
  chunkMetadata,
  FILE_COLUMNS,
  type FileRow,
  previousVersionsJson,
  toChunkHit,
  toKnowledgeFile,
} from './knowledge-rows.js';
import { addTermStats, removeTermStats } from './sql-term-stats.js';
import { sqlTextSearch } from './sql-text-search.js';

/** Options of {@link createSqlKnowledgeStore}. */
export interface SqlKnowledgeStoreOptions {
  /**
   * Text-search configuration for new chunks and queries (`simple`, `english`, `german`...). Default
   * `simple`: no stemming, works for any language.
   */
  language?: string;
  /**
   * Matching chunks ranked per full-text search at most. Ranking reads every candidate's tsvector, so
   * a cap keeps questions made of common words fast on large collections. Default 1,000.
   */
  candidateCap?: number;
  /** Vector length of the configured embedder: adds pgvector search when the extension is available. */
  vectorDimensions?: number;
  logger?: Logger;
}

const BATCH = 500;

/**
 * A {@link KnowledgeStore} on the shared SQL schema (PGlite or PostgreSQL, migrated with `migrate()`):
 * Postgres full-text search (`tsvector`, `ts_rank` over a capped candidate set) and, when
 * `vectorDimensions` is set and pgvector is installed, HNSW cosine search. Every query filters by the
 * reader's tenant, user, conversation and the shared collections inside its WHERE clause.
 *
 * @example
 * ```ts
 * const store = await createSqlKnowledgeStore(sqlClient, { language: 'english' });
 * ```
 */
export async function createSqlKnowledgeStore(
  db: SqlClient,
  options: SqlKnowledgeStoreOptions = {},
): Promise<KnowledgeStore> {
  const language = options.language ?? 'simple';
  if (!/^[a-z_]{1,63}$/.test(language)) throw new TypeError(`Invalid text search configuration "${language}".`);
  await db.query('SELECT $1::regconfig', [language]); // fails early on an unknown configuration
  const cap = options.candidateCap ?? 1000;
  const logger = options.logger ?? consoleLogger;
  const pgvector: PgvectorSupport = options.vectorDimensions
    ? await enablePgvector(db, options.vectorDimensions, logger)
    : { enabled: false, reason: 'no vector length configured' };
  const vectors = pgvector.enabled ? pgvector : false;

  // $1 tenant, $2 user, $3 conversation (uuid or null): what a reader may see of chunks `c`.
  const chunkScope = `c.tenant_id = $1 AND (c.collection IS NOT NULL OR (c.user_id = $2 AND (c.conversation_id IS NULL OR c.conversation_id = $3::uuid)))`;
  const scopeParams = (reader: Reader) => [
    reader.tenantId,
    reader.userId,
    isUuid(reader.conversationId) ? reader.conversationId : null,
  ];
  const fileIdsParam = (search: SearchOptions): string[] | null | undefined => {
    if (!search.fileIds) return null;
    const ids = search.fileIds.filter(isUuid);
    return ids.length > 0 ? ids : undefined; // undefined: nothing can match
  };

  const textSearch = { db, language, cap, chunkScope, scopeParams };

  /** Inserts one batch of a file's chunks, with the file's scope copied onto each. */
  const insertBatch = async (tx: SqlClient, file: KnowledgeFile, batch: readonly StoredChunk[]) => {
    const scope = file.scope;
    const conversationId = scope.type === 'private' ? (scope.conversationId ?? null) : null;
    const collection = scope.type === 'shared' ? scope.collection : null;
    const withVectors = vectors && batch.every((c) => c.embedding);
    await tx.query(
      `INSERT INTO chunks (id, file_id, tenant_id, user_id, conversation_id, collection, language,
         ordinal, content, heading, token_count, metadata${withVectors ? ', embedding' : ''})
       SELECT u.id, $2, $3, $4, $5, $6, $7::regconfig, u.ordinal, u.content, u.heading, u.tokens, u.metadata::jsonb
         ${withVectors ? ', u.embedding::vector' : ''}
       FROM unnest($1::uuid[], $8::int[], $9::text[], $10::text[], $11::int[], $12::text[]${withVectors ? ', $13::text[]' : ''})
         AS u(id, ordinal, content, heading, tokens, metadata${withVectors ? ', embedding' : ''})`,
      [
        batch.map((c) => c.id),
        file.id,
        file.tenantId,
        file.userId,
        conversationId,
        collection,
        language,
        batch.map((c) => c.ordinal),
        batch.map((c) => c.text),
        batch.map((c) => c.headingPath.join('\n')),
        batch.map((c) => c.tokenCount),
        batch.map((c) => JSON.stringify(chunkMetadata(c))),
        ...(withVectors ? [batch.map((c) => vectorLiteral(c.embedding!))] : []),
      ],
    );
  };

  /**
   * Inserts a file's chunks batch by batch as they come, then counts their terms; returns how many.
   * The next batch is asked for while the database writes the current one, so making chunks (parsing,
   * embedding) and storing them overlap where the database is another process.
   */
  const insertChunkRows = async (tx: SqlClient, file: KnowledgeFile, source: ChunkSource): Promise<number> => {
    const batches = chunkBatches(source);
    let count = 0;
    let next = await batches.next();
    while (!next.done) {
      const batch = next.value;
      const written = (async () => {
        for (let start = 0; start < batch.length; start += BATCH) {
          await insertBatch(tx, file, batch.slice(start, start + BATCH));
        }
      })();
      const following = batches.next();
      // Both settle before either's error is thrown, so no batch is left being made or written.
      const [wrote, nextBatch] = await Promise.allSettled([written, following]);
      if (wrote.status === 'rejected') {
        await batches.return(undefined);
        throw wrote.reason;
      }
      if (nextBatch.status === 'rejected') throw nextBatch.reason;
      count += batch.length;
      next = nextBatch.value;
    }
    await addTermStats(tx, file.id, language, count);
    return count;
  };

  const store: KnowledgeStore = {
    vectorStorage: pgvector.enabled
      ? { stored: true, dimensions: options.vectorDimensions }
      : { stored: false, reason: pgvector.reason },
    async createFile(file) {
      const scope = file.scope;
      await db.query(
        `INSERT INTO files (id, tenant_id, user_id, conversation_id, collection, name, media_type, kind, size_bytes,
           sha256, status, stage, error, page_count, chunk_count, version, previous_versions, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $17, $18::jsonb, $16, $16)`,
        [
          file.id,
          file.tenantId,
          file.userId,
          scope.type === 'private' ? (scope.conversationId ?? null) : null,
          scope.type === 'shared' ? scope.collection : null,
          file.name,
          file.mediaType,
          file.kind,
          file.sizeBytes,
          file.sha256,
          file.status,
          file.stage,
          file.error ? JSON.stringify(file.error) : null,
          file.pageCount,
          file.chunkCount,
          file.createdAt,
          file.version,
          previousVersionsJson(file),
        ],
      );
    },
    async updateFile(id, patch) {
      await db.query(
        `UPDATE files SET status = COALESCE($2, status), stage = COALESCE($3, stage),
           error = CASE WHEN $4::boolean THEN $5::jsonb ELSE error END,
           chunk_count = COALESCE($6, chunk_count), updated_at = now()
         WHERE id = $1`,
        [
          id,
          patch.status ?? null,
          patch.stage ?? null,
          'error' in patch,
          patch.error ? JSON.stringify(patch.error) : null,
          patch.chunkCount ?? null,
        ],
      );
    },
    async insertChunks(file, chunks) {
      await db.transaction(async (tx) => {
        const count = await insertChunkRows(tx, file, chunks);
        // In the same transaction: chunks are searchable exactly when their file is ready, so searches
        // need not look at the file's status.
        await tx.query(
          `UPDATE files SET status = 'ready', stage = 'indexed', chunk_count = $2, updated_at = now() WHERE id = $1`,
          [file.id, count],
        );
      });
    },
    async replaceFileContent(file, chunks) {
      await db.transaction(async (tx) => {
        const { rowCount } = await tx.query('SELECT 1 FROM files WHERE id = $1 FOR UPDATE', [file.id]);
        if (rowCount === 0) return; // deleted meanwhile: nothing to replace
        await removeTermStats(tx, file.id, language);
        await tx.query('DELETE FROM chunks WHERE file_id = $1', [file.id]);
        const count = await insertChunkRows(tx, file, chunks);
        await tx.query(
          `UPDATE files SET name = $2, media_type = $3, kind = $4, size_bytes = $5, sha256 = $6, page_count = $7,
             chunk_count = $8, version = $9, previous_versions = $10::jsonb, status = 'ready', stage = 'indexed',
             error = NULL, updated_at = now()
           WHERE id = $1`,
          [
            file.id,
            file.name,
            file.mediaType,
            file.kind,
            file.sizeBytes,
            file.sha256,
            file.pageCount,
            count,
            file.version,
            previousVersionsJson(file),
          ],
        );
      });
    },
    async filesInScope(owner, scope, match = {}) {
      // A conversation id that is not a uuid names no stored conversation: nothing is in that scope.
      if (scope.type === 'private' && scope.conversationId !== undefined && !isUuid(scope.conversationId)) return [];
      const { rows } = await db.query<FileRow>(
        `SELECT ${FILE_COLUMNS} FROM files f
         WHERE f.tenant_id = $1 AND (CASE WHEN $2::text IS NOT NULL THEN f.collection = $2
           ELSE f.collection IS NULL AND f.user_id = $3 AND f.conversation_id IS NOT DISTINCT FROM $4::uuid END)
           AND ($5::text IS NULL OR f.sha256 = $5) AND ($6::text IS NULL OR f.name = $6)
         ORDER BY f.created_at DESC, f.id DESC`,
        [
          owner.tenantId,
          scope.type === 'shared' ? scope.collection : null,
          owner.userId,
          scope.type === 'private' ? (scope.conversationId ?? null) : null,
          match.sha256 ?? null,
          match.name ?? null,
        ],
      );
      return rows.map(toKnowledgeFile);
    },
    async listFiles(reader, listOptions = {}) {
      const { rows } = await db.query<FileRow>(
        `SELECT ${FILE_COLUMNS} FROM files f
         WHERE f.tenant_id = $1 AND (f.collection IS NOT NULL OR (f.user_id = $2
           AND (f.conversation_id IS NULL OR $4 OR f.conversation_id = $3::uuid)))
         ORDER BY f.created_at DESC, f.id DESC LIMIT $5`,
        [...scopeParams(reader), reader.anyConversation === true, Math.min(listOptions.limit ?? 100, 1000)],
      );
      return rows.map(toKnowledgeFile);
    },
    async getFile(reader, id) {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<FileRow>(
        `SELECT ${FILE_COLUMNS} FROM files f
         WHERE f.id = $5 AND f.tenant_id = $1 AND (f.collection IS NOT NULL OR (f.user_id = $2
           AND (f.conversation_id IS NULL OR $4 OR f.conversation_id = $3::uuid)))`,
        [...scopeParams(reader), reader.anyConversation === true, id],
      );
      return rows[0] ? toKnowledgeFile(rows[0]) : null;
    },
    async getPassage(reader, fileId, chunkId) {
      if (!isUuid(fileId) || !isUuid(chunkId)) return null;
      // The file is checked like getFile (the reader's files of any conversation it may see, shared
      // collections); the neighbours are the nearest ordinals on either side within that file.
      const { rows } = await db.query<ChunkRow>(
        `WITH target AS (
           SELECT c.ordinal FROM chunks c JOIN files f ON f.id = c.file_id
           WHERE c.id = $6 AND c.file_id = $5 AND f.status = 'ready' AND f.tenant_id = $1
             AND (f.collection IS NOT NULL OR (f.user_id = $2
               AND (f.conversation_id IS NULL OR $4 OR f.conversation_id = $3::uuid)))
         )
         SELECT ${CHUNK_COLUMNS}, ${FILE_COLUMNS}, 0 AS score
         FROM target t, chunks c JOIN files f ON f.id = c.file_id
         WHERE c.file_id = $5 AND (c.ordinal = t.ordinal
           OR c.ordinal = (SELECT max(n.ordinal) FROM chunks n WHERE n.file_id = $5 AND n.ordinal < t.ordinal)
           OR c.ordinal = (SELECT min(n.ordinal) FROM chunks n WHERE n.file_id = $5 AND n.ordinal > t.ordinal))
         ORDER BY c.ordinal`,
        [...scopeParams(reader), reader.anyConversation === true, fileId, chunkId],
      );
      const hits = rows.map(toChunkHit);
      const at = hits.findIndex((h) => h.chunk.id === chunkId);
      if (at < 0) return null;
      return {
        file: hits[at]!.file,
        passage: hits[at]!.chunk,
        previous: hits[at - 1]?.chunk ?? null,
        next: hits[at + 1]?.chunk ?? null,
      };
    },
    async deleteFile(owner, id, deleteOptions = {}) {
      if (!isUuid(id)) return false;
      return db.transaction(async (tx) => {
        // Ownership is checked (and the row locked) first; only then do the statistics change.
        const { rowCount } = await tx.query(
          `SELECT 1 FROM files WHERE id = $1 AND tenant_id = $2
             AND ((collection IS NULL AND user_id = $3) OR (collection IS NOT NULL AND $4))
           FOR UPDATE`,
          [id, owner.tenantId, owner.userId, deleteOptions.manageShared === true],
        );
        if (rowCount === 0) return false;
        await removeTermStats(tx, id, language);
        await tx.query('DELETE FROM files WHERE id = $1', [id]);
        return true;
      });
    },
    async searchText(reader, query, search) {
      const fileIds = fileIdsParam(search);
      return fileIds === undefined ? [] : sqlTextSearch(textSearch, reader, query, search, fileIds);
    },
    async close() {},
  };
  if (vectors) {
    store.searchVector = async (reader, vector, search) => {
      const fileIds = fileIdsParam(search);
      if (fileIds === undefined) return [];
      const run = async (tx: SqlClient) => {
        // HNSW finds the nearest chunks first and filters by scope after: without iterative scans
        // (pgvector 0.8+) a user with few readable chunks could get none back.
        if (vectors.iterativeScan) await tx.query("SET LOCAL hnsw.iterative_scan = 'relaxed_order'");
        const { rows } = await tx.query<ChunkRow>(
          `WITH nearest AS MATERIALIZED (
             SELECT c.id, c.embedding <=> $4::vector AS distance FROM chunks c
             WHERE ${chunkScope} AND c.embedding IS NOT NULL
               AND ($5::uuid[] IS NULL OR c.file_id = ANY($5::uuid[]))
             ORDER BY c.embedding <=> $4::vector
             LIMIT $6
           )
           SELECT ${CHUNK_COLUMNS}, ${FILE_COLUMNS}, 1 - nearest.distance AS score, 1 - nearest.distance AS relevance
           FROM nearest JOIN chunks c ON c.id = nearest.id JOIN files f ON f.id = c.file_id
           ORDER BY nearest.distance, c.id`,
          [...scopeParams(reader), vectorLiteral(vector), fileIds, search.limit],
        );
        return rows.map(toChunkHit);
      };
      return vectors.iterativeScan ? db.transaction(run) : run(db);
    };
  }
  return store;
}

function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.map((v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}
