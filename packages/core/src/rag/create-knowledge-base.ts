import type { ChatStore } from '../conversations/chat-store.js';
import { newId } from '../conversations/new-id.js';
import type { Owner } from '../conversations/types.js';
import { consoleLogger, type Logger } from '../engine/logger.js';
import { loadDefaultTokenCounter, type TokenCounter } from '../engine/token-counter.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { Instrumentation } from '../telemetry/instrumentation.js';
import type { BlobStore, StoredBlob } from './blob/blob-store.js';
import { knowledgeOriginals } from './blob/knowledge-originals.js';
import type { ChunkOptions } from './chunk/chunk.js';
import { storedChunkBatches } from './chunk/stored-chunk-batches.js';
import { concurrencyLimit, yieldToEventLoop } from './concurrency-limit.js';
import type { Embedder } from './embed/embedder.js';
import type {
  FileScope,
  IngestStage,
  KnowledgeFile,
  KnowledgeStore,
  PassageWithNeighbours,
} from './knowledge-types.js';
import { type DocumentParser, inProcessParser } from './parse/document-parser.js';
import type { ParseLimits } from './parse/parse-limits.js';
import type { RelevanceFloor } from './retrieve/relevance-floor.js';
import type { RetrievedPassage } from './retrieve/retrieved-passage.js';
import { createRetriever, type RetrieveOptions, type Retriever } from './retrieve/retriever.js';
import { safeFileName } from './safe-file-name.js';

/** A file to ingest. */
export interface IngestInput {
  /** The uploaded name: a label only. */
  name: string;
  bytes: Uint8Array;
  /** The declared media type: a hint only, the content decides. */
  mediaType?: string;
  /** Default: private to the uploader, in all their conversations. */
  scope?: FileScope;
}

/** Progress of one ingestion. */
export interface IngestProgress {
  stage: IngestStage;
  /** Set from `chunked` on (the file record exists from then). */
  fileId?: string;
  /**
   * Chunks stored so far: chunks are made, embedded and stored a few hundred at a time, each batch
   * reported as `chunked`; the total from `embedded` and `indexed` on.
   */
  chunks?: number;
  /** With an embedder, at each `chunked` batch: how many chunks are embedded (all those made so far). */
  embedded?: number;
  /** At each `chunked` batch: the share (0–1) of the file's text chunked so far, for an estimate of the time left. */
  fraction?: number;
}

/**
 * What {@link KnowledgeBase.ingest} did: `created` a new file; found a `duplicate` (the same content
 * already in the same scope: that file is returned, nothing is stored); or `replaced` the content of
 * the file of the same name in the same scope (a new version: same id, chunks re-indexed).
 */
export type IngestOutcome = 'created' | 'duplicate' | 'replaced';

/** The file {@link KnowledgeBase.ingest} returns, with what it did. */
export interface IngestedFile extends KnowledgeFile {
  outcome: IngestOutcome;
}

/** Options of {@link KnowledgeBase.ingest}. */
export interface IngestOptions {
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  /** The caller is an admin of the tenant: required to add files to a shared collection. */
  manageShared?: boolean;
}

/** Options of {@link KnowledgeBase.retrieve}. */
export interface KnowledgeRetrieveOptions {
  /** The conversation being answered: its attached files are searched too. */
  conversationId?: string;
  limit?: number;
  fileIds?: readonly string[];
  /** Earlier questions of the conversation, oldest first, searched with less weight (see {@link RetrieveOptions}). */
  previousQuestions?: readonly string[];
  signal?: AbortSignal;
}

/** The knowledge base: uploads, ingestion and retrieval, every operation scoped to the caller. */
export interface KnowledgeBase {
  /**
   * Parses, chunks, embeds and indexes a file. The same content already in the same scope returns that
   * file (`outcome: 'duplicate'`); new content under the name of a file in the same scope becomes its
   * next version (`'replaced'`; the old version stays searchable until the new one is indexed, and
   * stays in place if indexing fails). Bad files throw a 4xx {@link CompanyChatError}; nothing is
   * stored for them.
   */
  ingest(owner: Owner, input: IngestInput, options?: IngestOptions): Promise<IngestedFile>;
  listFiles(owner: Owner, options?: { conversationId?: string; limit?: number }): Promise<KnowledgeFile[]>;
  /**
   * Every file in exactly `scope` as `owner` uploads to it (see {@link KnowledgeStore.filesInScope}),
   * e.g. a shared collection, to mirror a folder into it.
   */
  filesInScope(owner: Owner, scope: FileScope): Promise<KnowledgeFile[]>;
  /** A file the owner may read (their own, in any conversation, or a shared one of their tenant). */
  getFile(owner: Owner, id: string): Promise<KnowledgeFile | null>;
  deleteFile(owner: Owner, id: string, options?: { manageShared?: boolean }): Promise<boolean>;
  /**
   * Passages the owner may read that best answer `query`, numbered for citation; only those above the
   * relevance floor, so possibly none.
   */
  retrieve(owner: Owner, query: string, options?: KnowledgeRetrieveOptions): Promise<RetrievedPassage[]>;
  /**
   * The original bytes of a file the owner may read (same rule as {@link getFile}), streamed from the
   * blob store; `null` when the file is not readable, or its original is not stored (no blob store, or
   * uploaded before one was configured).
   */
  openOriginal(owner: Owner, id: string): Promise<{ file: KnowledgeFile; blob: StoredBlob } | null>;
  /** A passage (chunk) of a file the owner may read, with the passages before and after it. */
  getPassage(owner: Owner, fileId: string, passageId: string): Promise<PassageWithNeighbours | null>;
  readonly store: KnowledgeStore;
  readonly retriever: Retriever;
}

/** Options of {@link createKnowledgeBase}. */
export interface KnowledgeBaseOptions {
  store: KnowledgeStore;
  /** Embeds chunks and questions for hybrid search; used only when the store keeps vectors (`searchVector`). */
  embedder?: Embedder;
  /**
   * Where the original of every upload is kept, for download (`openOriginal`). Without one, originals
   * are not kept. The server uses the database (`createSqlBlobStore`) unless configured otherwise.
   */
  blobs?: BlobStore;
  /** Used to check that a conversation a file is attached to belongs to the uploader. */
  chatStore?: Pick<ChatStore, 'getConversation'>;
  parseLimits?: Partial<ParseLimits>;
  /**
   * Where files are parsed. Default: in process. On Node and Bun, `createWorkerParser()` from
   * `@company-chat/core/worker-parser` keeps the event loop free and counts the time budget in CPU time.
   */
  parser?: DocumentParser;
  chunking?: ChunkOptions;
  tokenCounter?: TokenCounter;
  /** Passages per retrieval. Default 5. */
  retrieveLimit?: number;
  /**
   * What a passage needs to be retrieved at all (default retriever only): below it, a passage is
   * neither given to the model nor cited. See {@link RelevanceFloor}.
   */
  relevanceFloor?: RelevanceFloor;
  /** Files ingested at the same time; more wait their turn. Default 2. */
  maxConcurrentIngests?: number;
  retriever?: Retriever;
  logger?: Logger;
  /** Told of each ingestion's outcome and chunk count (`ingestion`), for metrics. */
  instrumentation?: Instrumentation;
}

const COLLECTION = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Creates the {@link KnowledgeBase} facade the engine and the server use.
 *
 * @example
 * ```ts
 * const kb = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
 * const file = await kb.ingest(owner, { name: 'handbook.pdf', bytes });
 * const passages = await kb.retrieve(owner, 'How long is parental leave?');
 * ```
 */
export function createKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const { store } = options;
  // Embedding what the store cannot keep would only cost requests: without vector storage no chunk is
  // embedded (and the default retriever embeds no question either).
  const embedder = typeof store.searchVector === 'function' ? options.embedder : undefined;
  const logger = options.logger ?? consoleLogger;
  const retriever =
    options.retriever ??
    createRetriever({ store, embedder: options.embedder, logger, relevanceFloor: options.relevanceFloor });
  const limit = concurrencyLimit(options.maxConcurrentIngests ?? 2);
  const parser = options.parser ?? inProcessParser;
  const originals = options.blobs ? knowledgeOriginals(options.blobs, logger) : undefined;

  async function checkScope(owner: Owner, scope: FileScope, manageShared: boolean): Promise<void> {
    if (scope.type === 'shared') {
      if (!manageShared) {
        throw new CompanyChatError({
          code: 'forbidden',
          message: 'Only administrators can add files to a shared collection.',
        });
      }
      if (!COLLECTION.test(scope.collection)) {
        throw new CompanyChatError({
          code: 'invalid_request',
          message: 'A collection name is 1-64 letters, digits, dots, dashes or underscores.',
        });
      }
    } else if (scope.conversationId !== undefined) {
      const conversation = options.chatStore
        ? await options.chatStore.getConversation(owner, scope.conversationId)
        : undefined;
      if (conversation === null) {
        throw new CompanyChatError({
          code: 'not_found',
          message: `Conversation ${JSON.stringify(scope.conversationId)} was not found.`,
        });
      }
    }
  }

  async function ingestNow(owner: Owner, input: IngestInput, ingestOptions: IngestOptions): Promise<IngestedFile> {
    const { onProgress, signal } = ingestOptions;
    const scope: FileScope = input.scope ?? { type: 'private' };
    await checkScope(owner, scope, ingestOptions.manageShared === true);
    const sha256 = await sha256Hex(input.bytes);
    const duplicate = (await store.filesInScope(owner, scope, { sha256 })).find((f) => f.status === 'ready');
    if (duplicate) return { ...duplicate, outcome: 'duplicate' };
    const doc = await parser.parse(
      { bytes: input.bytes, name: input.name, mediaType: input.mediaType, limits: options.parseLimits },
      { signal },
    );
    onProgress?.({ stage: 'parsed' });
    await yieldToEventLoop();
    signal?.throwIfAborted();
    const counter = options.tokenCounter ?? (await loadDefaultTokenCounter());
    const name = safeFileName(input.name);
    const previous = (await store.filesInScope(owner, scope, { name })).find((f) => f.status === 'ready');
    const now = new Date();
    const content = {
      name,
      mediaType: doc.mediaType,
      kind: doc.kind,
      sizeBytes: input.bytes.byteLength,
      sha256,
      pageCount: doc.pageCount ?? null,
      // Known once every chunk is stored (the store sets it).
      chunkCount: 0,
    };
    const file: KnowledgeFile = previous
      ? {
          ...previous,
          ...content,
          version: previous.version + 1,
          previousVersions: [
            ...previous.previousVersions,
            { version: previous.version, sha256: previous.sha256, sizeBytes: previous.sizeBytes, replacedAt: now },
          ],
        }
      : {
          id: newId(),
          tenantId: owner.tenantId,
          userId: owner.userId,
          scope,
          ...content,
          status: 'processing',
          stage: 'chunked',
          error: null,
          version: 1,
          previousVersions: [],
          createdAt: now,
          updatedAt: now,
        };
    // A new version is written only once indexed: until then the previous one stays ready and searchable.
    if (!previous) await store.createFile(file);
    let storedOriginal = false;
    try {
      if (originals) {
        await originals.put(file, input.bytes, doc.mediaType);
        storedOriginal = true;
      }
      // Chunks are made, embedded and stored a batch at a time, as the store asks for them (an abort
      // between batches rolls the file's chunks back).
      let chunks = 0;
      const batches = storedChunkBatches(doc.blocks, {
        fileId: file.id,
        counter,
        chunking: options.chunking,
        embedder,
        signal,
        onBatch: (made, fraction) => {
          chunks = made;
          onProgress?.({
            stage: 'chunked',
            fileId: file.id,
            chunks,
            fraction,
            ...(embedder ? { embedded: made } : {}),
          });
        },
      });
      // Both also mark the file ready, with its chunk count.
      if (previous) await store.replaceFileContent(file, batches);
      else await store.insertChunks(file, batches);
      if (embedder) onProgress?.({ stage: 'embedded', fileId: file.id, chunks });
      // The replaced version's original is no longer reachable (downloads follow the file's hash).
      if (previous) await originals?.remove(previous);
      onProgress?.({ stage: 'indexed', fileId: file.id, chunks });
      return {
        ...file,
        chunkCount: chunks,
        status: 'ready',
        stage: 'indexed',
        error: null,
        updatedAt: new Date(),
        outcome: previous ? 'replaced' : 'created',
      };
    } catch (error) {
      logger.error('Ingesting a file failed', {
        fileId: file.id,
        error: error instanceof Error ? error.message : String(error),
      });
      if (storedOriginal) await originals?.remove(file);
      if (!previous) {
        const failure = CompanyChatError.isInstance(error)
          ? error.toJSON()
          : { code: 'internal', message: 'Indexing the file failed.' };
        await store.updateFile(file.id, { status: 'failed', error: failure }).catch(() => {});
      }
      throw error;
    }
  }

  return {
    store,
    retriever,
    ingest(owner, input, ingestOptions = {}) {
      const job = limit.run(() => ingestNow(owner, input, ingestOptions));
      const instrumentation = options.instrumentation;
      if (instrumentation) {
        job.then(
          (file) => instrumentation.record({ type: 'ingestion', outcome: file.outcome, chunks: file.chunkCount }),
          () => instrumentation.record({ type: 'ingestion', outcome: 'failed', chunks: 0 }),
        );
      }
      return job;
    },
    listFiles(owner, listOptions = {}) {
      const reader = listOptions.conversationId
        ? { ...owner, conversationId: listOptions.conversationId }
        : { ...owner, anyConversation: true };
      return store.listFiles(reader, { limit: listOptions.limit });
    },
    filesInScope(owner, scope) {
      return store.filesInScope(owner, scope);
    },
    getFile(owner, id) {
      return store.getFile({ ...owner, anyConversation: true }, id);
    },
    async deleteFile(owner, id, deleteOptions = {}) {
      // Read first: the original's key comes from the record, which the delete removes.
      const file = originals ? await store.getFile({ ...owner, anyConversation: true }, id) : null;
      const deleted = await store.deleteFile(owner, id, deleteOptions);
      if (deleted && file) await originals?.remove(file);
      return deleted;
    },
    async openOriginal(owner, id) {
      if (!originals) return null;
      const file = await store.getFile({ ...owner, anyConversation: true }, id);
      if (file?.status !== 'ready') return null;
      const blob = await originals.get(file);
      return blob ? { file, blob } : null;
    },
    getPassage(owner, fileId, passageId) {
      return store.getPassage({ ...owner, anyConversation: true }, fileId, passageId);
    },
    retrieve(owner, query, retrieveOptions = {}) {
      const { conversationId, ...rest } = retrieveOptions;
      return retriever.retrieve({ ...owner, conversationId }, query, {
        ...rest,
        limit: rest.limit ?? options.retrieveLimit ?? 5,
      });
    },
  };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
