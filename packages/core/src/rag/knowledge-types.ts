import type { Owner } from '../conversations/types.js';
import type { Chunk } from './chunk/chunk.js';
import type { DocumentKind } from './parse/parsed-document.js';

/**
 * Who may read a file: its uploader only (`private`, optionally only inside one conversation), or every
 * user of the tenant (`shared`, a named collection managed by admins).
 */
export type FileScope = { type: 'private'; conversationId?: string } | { type: 'shared'; collection: string };

/** `processing` while being ingested, then `ready` or `failed`. */
export type FileStatus = 'processing' | 'ready' | 'failed';

/** Ingestion steps, reported in this order. */
export type IngestStage = 'parsed' | 'chunked' | 'embedded' | 'indexed';

/** An uploaded file's metadata. Its name is a label only, never a path. */
export interface KnowledgeFile {
  id: string;
  tenantId: string;
  /** The uploader. */
  userId: string;
  scope: FileScope;
  name: string;
  mediaType: string;
  kind: DocumentKind;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  status: FileStatus;
  /** The last completed ingestion step. */
  stage: IngestStage | null;
  error: { code: string; message: string } | null;
  pageCount: number | null;
  chunkCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is reading: an owner, optionally inside a conversation (which adds that conversation's files). */
export interface Reader extends Owner {
  conversationId?: string;
  /** Sees the reader's private files of every conversation (file listings; never retrieval). */
  anyConversation?: boolean;
}

/** A chunk as stored, tied to its file. */
export interface StoredChunk extends Chunk {
  id: string;
  fileId: string;
  /** Present when an embedder is configured. */
  embedding?: number[];
}

/** A chunk found by a search, with its file and a rank score (higher is better, comparable within one search). */
export interface ChunkHit {
  chunk: StoredChunk;
  file: KnowledgeFile;
  score: number;
}

/** Search options shared by full-text and vector search. */
export interface SearchOptions {
  limit: number;
  /** Only these files (still filtered by what the reader may read). */
  fileIds?: readonly string[];
}

/**
 * Where files and chunks live. Every read takes a {@link Reader} and filters by it inside the query
 * (in SQL, in the WHERE clause), so a caller can never see a file it may not read, whatever id it passes.
 * Implementations: memory, SQL (PGlite, PostgreSQL).
 */
export interface KnowledgeStore {
  /** Records a new file (status `processing`). */
  createFile(file: KnowledgeFile): Promise<void>;
  /** Updates ingestion state; internal to ingestion (not ownership-checked: ids come from `createFile`). */
  updateFile(
    id: string,
    patch: Partial<Pick<KnowledgeFile, 'status' | 'stage' | 'error' | 'chunkCount'>>,
  ): Promise<void>;
  /**
   * Adds a file's chunks and marks the file `ready` (status and stage `indexed`), in one transaction
   * where the store has them: a file's chunks are searchable exactly when it is ready.
   */
  insertChunks(file: KnowledgeFile, chunks: readonly StoredChunk[]): Promise<void>;
  listFiles(reader: Reader, options?: { limit?: number }): Promise<KnowledgeFile[]>;
  getFile(reader: Reader, id: string): Promise<KnowledgeFile | null>;
  /** Deletes a private file of `owner`, or (with `manageShared`) a shared file of the owner's tenant. */
  deleteFile(owner: Owner, id: string, options?: { manageShared?: boolean }): Promise<boolean>;
  /** Full-text search over the chunks the reader may read, best first. */
  searchText(reader: Reader, query: string, options: SearchOptions): Promise<ChunkHit[]>;
  /** Nearest chunks by embedding, when the store supports vectors (else absent). */
  searchVector?(reader: Reader, vector: readonly number[], options: SearchOptions): Promise<ChunkHit[]>;
  close?(): Promise<void>;
}

/** Whether `reader` may read `file`: the one rule every store applies inside its queries. */
export function canRead(reader: Reader, file: Pick<KnowledgeFile, 'tenantId' | 'userId' | 'scope'>): boolean {
  if (file.tenantId !== reader.tenantId) return false;
  if (file.scope.type === 'shared') return true;
  if (file.userId !== reader.userId) return false;
  return (
    file.scope.conversationId === undefined ||
    reader.anyConversation === true ||
    file.scope.conversationId === reader.conversationId
  );
}
