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

/** A replaced version of a file, kept in the file's history. */
export interface FileVersion {
  version: number;
  /** Hex SHA-256 of that version's bytes. */
  sha256: string;
  sizeBytes: number;
  /** When the next version replaced it. */
  replacedAt: Date;
}

/**
 * An uploaded file's metadata. Its name is a label only, never a path. Uploading the same name again
 * with new content in the same scope makes a new `version` of the same file (same id): its chunks are
 * replaced and the old version is listed in `previousVersions`.
 */
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
  /** 1 for the first upload, one more for each new content uploaded under the same name. */
  version: number;
  /** Replaced versions, oldest first. */
  previousVersions: FileVersion[];
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

/**
 * A file's chunks for {@link KnowledgeStore.insertChunks}: all at once, or in batches as they are made,
 * so a large file is stored without holding every chunk (and its vector) in memory at the same time.
 */
export type ChunkSource = readonly StoredChunk[] | AsyncIterable<readonly StoredChunk[]>;

/** A chunk found by a search, with its file and a rank score (higher is better, comparable within one search). */
export interface ChunkHit {
  chunk: StoredChunk;
  file: KnowledgeFile;
  score: number;
  /**
   * How relevant the chunk is on a scale that does not depend on the store, for the relevance floor
   * (see `RelevanceFloor`): for full-text search the share (0–1) of the question's term weight (IDF)
   * the chunk matches; for vector search the cosine similarity. Absent: the store does not say, and
   * the hit passes any floor.
   */
  relevance?: number;
}

/** A chunk with the chunks before and after it in its file (`null` at either end), and its file. */
export interface PassageWithNeighbours {
  file: KnowledgeFile;
  passage: StoredChunk;
  previous: StoredChunk | null;
  next: StoredChunk | null;
}

/** Search options shared by full-text and vector search. */
export interface SearchOptions {
  limit: number;
  /** Only these files (still filtered by what the reader may read). */
  fileIds?: readonly string[];
  /**
   * How much each stemmed query term counts (terms not listed count 1): a follow-up question's own
   * terms outweigh those of the earlier questions searched with it.
   */
  termWeights?: ReadonlyMap<string, number>;
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
   * Adds a file's chunks and marks the file `ready` (status and stage `indexed`, `chunkCount` the number
   * of chunks added), in one transaction where the store has them: a file's chunks are searchable
   * exactly when it is ready. Batches are written as they arrive.
   */
  insertChunks(file: KnowledgeFile, chunks: ChunkSource): Promise<void>;
  /**
   * Replaces a file's chunks with those of a new version and its record with `file` (content fields,
   * `version`, `previousVersions`), marking it ready, in one transaction where the store has them: a
   * search sees the old version or the new one, never both or neither. Internal to ingestion.
   */
  replaceFileContent(file: KnowledgeFile, chunks: ChunkSource): Promise<void>;
  listFiles(reader: Reader, options?: { limit?: number }): Promise<KnowledgeFile[]>;
  /**
   * Every file (any status) in exactly `scope` as `owner` would upload to it: a private scope holds the
   * owner's own files of that conversation (or of none), a shared one the collection of the owner's
   * tenant. Optionally only those with this content hash or name, newest first. Used to find duplicates
   * and earlier versions, and to prune a collection.
   */
  filesInScope(owner: Owner, scope: FileScope, match?: { sha256?: string; name?: string }): Promise<KnowledgeFile[]>;
  getFile(reader: Reader, id: string): Promise<KnowledgeFile | null>;
  /**
   * One chunk of a file the reader may read (same rule as {@link getFile}), with its neighbours in the
   * file; `null` when the file is not readable or the chunk is not in it.
   */
  getPassage(reader: Reader, fileId: string, chunkId: string): Promise<PassageWithNeighbours | null>;
  /** Deletes a private file of `owner`, or (with `manageShared`) a shared file of the owner's tenant. */
  deleteFile(owner: Owner, id: string, options?: { manageShared?: boolean }): Promise<boolean>;
  /** Full-text search over the chunks the reader may read, best first. */
  searchText(reader: Reader, query: string, options: SearchOptions): Promise<ChunkHit[]>;
  /** Nearest chunks by embedding, when the store supports vectors (else absent). */
  searchVector?(reader: Reader, vector: readonly number[], options: SearchOptions): Promise<ChunkHit[]>;
  /**
   * Whether the store keeps chunk embeddings, and why not when it does not (for the start-up log).
   * Vectors are stored exactly when `searchVector` exists; this only explains it.
   */
  readonly vectorStorage?: VectorStorage;
  close?(): Promise<void>;
}

/**
 * Whether a {@link KnowledgeStore} keeps embeddings: with their length when fixed (a pgvector column),
 * or the reason it does not (e.g. `the database has no pgvector extension`).
 */
export type VectorStorage = { stored: true; dimensions?: number } | { stored: false; reason: string };

/** Whether `file` lies in exactly `scope` as `owner` uploads to it (see {@link KnowledgeStore.filesInScope}). */
export function inScope(owner: Owner, scope: FileScope, file: Pick<KnowledgeFile, 'tenantId' | 'userId' | 'scope'>) {
  if (file.tenantId !== owner.tenantId) return false;
  if (scope.type === 'shared') return file.scope.type === 'shared' && file.scope.collection === scope.collection;
  return (
    file.scope.type === 'private' && file.userId === owner.userId && file.scope.conversationId === scope.conversationId
  );
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
