import type { Locator } from '../chunk/chunk.js';
import type { ChunkHit, FileScope, FileVersion, KnowledgeFile, StoredChunk } from '../knowledge-types.js';
import type { DocumentKind } from '../parse/parsed-document.js';

/** A `files` row as selected by the SQL knowledge store (`f.*`, aliased `f_`). */
export interface FileRow {
  f_id: string;
  f_tenant_id: string;
  f_user_id: string;
  f_conversation_id: string | null;
  f_collection: string | null;
  f_name: string;
  f_media_type: string;
  f_kind: string;
  f_size_bytes: string | number;
  f_sha256: string | null;
  f_status: string;
  f_stage: string | null;
  f_error: { code: string; message: string } | null;
  f_page_count: number | null;
  f_chunk_count: number;
  f_version: number;
  f_previous_versions: Array<Omit<FileVersion, 'replacedAt'> & { replacedAt: string }>;
  f_created_at: Date | string;
  f_updated_at: Date | string;
}

/** The file columns, aliased for {@link FileRow}. */
export const FILE_COLUMNS = `f.id AS f_id, f.tenant_id AS f_tenant_id, f.user_id AS f_user_id,
  f.conversation_id AS f_conversation_id, f.collection AS f_collection, f.name AS f_name,
  f.media_type AS f_media_type, f.kind AS f_kind, f.size_bytes AS f_size_bytes, f.sha256 AS f_sha256,
  f.status AS f_status, f.stage AS f_stage, f.error AS f_error, f.page_count AS f_page_count,
  f.chunk_count AS f_chunk_count, f.version AS f_version, f.previous_versions AS f_previous_versions,
  f.created_at AS f_created_at, f.updated_at AS f_updated_at`;

/** A chunk row joined with its file. */
export interface ChunkRow extends FileRow {
  c_id: string;
  c_ordinal: number;
  c_content: string;
  c_token_count: number | null;
  c_metadata: ChunkMetadata;
  score: number | string;
  /** Full-text and vector searches: see {@link ChunkHit.relevance}. */
  relevance?: number | string | null;
}

/** The chunk columns, aliased for {@link ChunkRow}. */
export const CHUNK_COLUMNS = `c.id AS c_id, c.ordinal AS c_ordinal, c.content AS c_content,
  c.token_count AS c_token_count, c.metadata AS c_metadata`;

/** What `chunks.metadata` holds. */
export interface ChunkMetadata {
  headingPath: string[];
  page?: number;
  rowStart?: number;
  rowEnd?: number;
  startOffset: number;
  endOffset: number;
  /** Absent in chunks stored before locators existed. */
  locator?: Locator;
}

/** The metadata stored for a chunk. */
export function chunkMetadata(chunk: StoredChunk): ChunkMetadata {
  const { headingPath, page, rowStart, rowEnd, startOffset, endOffset, locator } = chunk;
  return { headingPath, page, rowStart, rowEnd, startOffset, endOffset, locator };
}

/** `previous_versions` as stored: JSON with ISO dates. */
export function previousVersionsJson(file: KnowledgeFile): string {
  return JSON.stringify(file.previousVersions.map((v) => ({ ...v, replacedAt: v.replacedAt.toISOString() })));
}

/** Maps a file row. */
export function toKnowledgeFile(row: FileRow): KnowledgeFile {
  const scope: FileScope = row.f_collection
    ? { type: 'shared', collection: row.f_collection }
    : row.f_conversation_id
      ? { type: 'private', conversationId: row.f_conversation_id }
      : { type: 'private' };
  return {
    id: row.f_id,
    tenantId: row.f_tenant_id,
    userId: row.f_user_id,
    scope,
    name: row.f_name,
    mediaType: row.f_media_type,
    kind: row.f_kind as DocumentKind,
    sizeBytes: Number(row.f_size_bytes),
    sha256: row.f_sha256 ?? '',
    status: row.f_status as KnowledgeFile['status'],
    stage: row.f_stage as KnowledgeFile['stage'],
    error: row.f_error,
    pageCount: row.f_page_count,
    chunkCount: row.f_chunk_count,
    version: row.f_version,
    previousVersions: (row.f_previous_versions ?? []).map((v) => ({ ...v, replacedAt: new Date(v.replacedAt) })),
    createdAt: new Date(row.f_created_at),
    updatedAt: new Date(row.f_updated_at),
  };
}

/** Maps a chunk row joined with its file. */
export function toChunkHit(row: ChunkRow): ChunkHit {
  const m = row.c_metadata;
  const chunk: StoredChunk = {
    id: row.c_id,
    fileId: row.f_id,
    ordinal: row.c_ordinal,
    text: row.c_content,
    tokenCount: row.c_token_count ?? 0,
    headingPath: m.headingPath ?? [],
    startOffset: m.startOffset ?? 0,
    endOffset: m.endOffset ?? 0,
  };
  if (m.page != null) chunk.page = m.page;
  if (m.rowStart != null) chunk.rowStart = m.rowStart;
  if (m.rowEnd != null) chunk.rowEnd = m.rowEnd;
  if (m.locator != null) chunk.locator = m.locator;
  const hit: ChunkHit = { chunk, file: toKnowledgeFile(row), score: Number(row.score) };
  if (row.relevance != null) hit.relevance = Number(row.relevance);
  return hit;
}
