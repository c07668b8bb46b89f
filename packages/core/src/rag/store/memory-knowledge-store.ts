import type { Owner } from '../../conversations/types.js';
import {
  type ChunkHit,
  type ChunkSource,
  canRead,
  inScope,
  type KnowledgeFile,
  type KnowledgeStore,
  type Reader,
  type SearchOptions,
  type StoredChunk,
} from '../knowledge-types.js';
import { Bm25Index } from '../search/bm25-index.js';
import { queryTerms } from '../search/query-terms.js';
import { chunkBatches } from './chunk-batches.js';

/**
 * A {@link KnowledgeStore} in process memory: BM25 full-text and brute-force cosine vectors. For tests,
 * demos and small single-process deployments; everything is gone on restart.
 *
 * @example
 * ```ts
 * const kb = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
 * ```
 */
export function createMemoryKnowledgeStore(): KnowledgeStore {
  const files = new Map<string, KnowledgeFile>();
  const chunks = new Map<string, StoredChunk>();
  const chunksByFile = new Map<string, StoredChunk[]>();
  const index = new Bm25Index();
  const copy = (file: KnowledgeFile): KnowledgeFile => structuredClone(file);

  const readable = (reader: Reader, options: SearchOptions) => {
    const only = options.fileIds ? new Set(options.fileIds) : undefined;
    return (chunk: StoredChunk) => {
      const file = files.get(chunk.fileId);
      return !!file && file.status === 'ready' && canRead(reader, file) && (!only || only.has(file.id));
    };
  };
  const hit = (chunk: StoredChunk, score: number, relevance: number): ChunkHit => ({
    chunk: structuredClone(chunk),
    file: copy(files.get(chunk.fileId)!),
    score,
    relevance,
  });

  const addChunks = (fileId: string, list: readonly StoredChunk[]) => {
    const stored = list.map((c) => structuredClone(c));
    for (const chunk of stored) {
      chunks.set(chunk.id, chunk);
      index.add(chunk.id, [...chunk.headingPath, chunk.text].join('\n'));
    }
    chunksByFile.set(fileId, [...(chunksByFile.get(fileId) ?? []), ...stored]);
  };
  const removeChunks = (fileId: string) => {
    for (const chunk of chunksByFile.get(fileId) ?? []) {
      chunks.delete(chunk.id);
      index.remove(chunk.id, [...chunk.headingPath, chunk.text].join('\n'));
    }
    chunksByFile.delete(fileId);
  };

  return {
    // Any length: each chunk keeps its own array.
    vectorStorage: { stored: true },
    async createFile(file) {
      files.set(file.id, copy(file));
    },
    async updateFile(id, patch) {
      const file = files.get(id);
      if (file) files.set(id, { ...file, ...structuredClone(patch), updatedAt: new Date() });
    },
    async insertChunks(file, source) {
      // Gathered first, so the file's chunks become searchable together, as a transaction would.
      const list = await gather(source);
      if (!files.has(file.id)) return;
      addChunks(file.id, list);
      const current = files.get(file.id)!;
      const ready = { status: 'ready', stage: 'indexed', chunkCount: list.length, updatedAt: new Date() } as const;
      files.set(file.id, { ...current, ...ready });
    },
    async replaceFileContent(file, source) {
      const list = await gather(source);
      if (!files.has(file.id)) return;
      removeChunks(file.id);
      addChunks(file.id, list);
      files.set(file.id, {
        ...copy(file),
        status: 'ready',
        stage: 'indexed',
        error: null,
        chunkCount: list.length,
        updatedAt: new Date(),
      });
    },
    async filesInScope(owner, scope, match = {}) {
      return [...files.values()]
        .filter(
          (f) =>
            inScope(owner, scope, f) &&
            (match.sha256 === undefined || f.sha256 === match.sha256) &&
            (match.name === undefined || f.name === match.name),
        )
        .sort(newestFirst)
        .map(copy);
    },
    async listFiles(reader, options = {}) {
      return [...files.values()]
        .filter((f) => canRead(reader, f))
        .sort(newestFirst)
        .slice(0, options.limit ?? 100)
        .map(copy);
    },
    async getFile(reader, id) {
      const file = files.get(id);
      return file && canRead(reader, file) ? copy(file) : null;
    },
    async getPassage(reader, fileId, chunkId) {
      const file = files.get(fileId);
      if (file?.status !== 'ready' || !canRead(reader, file)) return null;
      const list = [...(chunksByFile.get(fileId) ?? [])].sort((a, b) => a.ordinal - b.ordinal);
      const at = list.findIndex((c) => c.id === chunkId);
      if (at < 0) return null;
      const clone = (c: StoredChunk | undefined) => (c ? structuredClone(c) : null);
      return { file: copy(file), passage: clone(list[at])!, previous: clone(list[at - 1]), next: clone(list[at + 1]) };
    },
    async deleteFile(owner: Owner, id, options = {}) {
      const file = files.get(id);
      if (!file || file.tenantId !== owner.tenantId) return false;
      const allowed = file.scope.type === 'shared' ? options.manageShared === true : file.userId === owner.userId;
      if (!allowed) return false;
      removeChunks(id);
      files.delete(id);
      return true;
    },
    async searchText(reader, query, options) {
      const filter = readable(reader, options);
      return index
        .search(queryTerms(query), options.limit, (id) => filter(chunks.get(id)!), options.termWeights)
        .map(({ id, score, relevance }) => hit(chunks.get(id)!, score, relevance));
    },
    async searchVector(reader, vector, options) {
      const filter = readable(reader, options);
      const scored: Array<{ chunk: StoredChunk; score: number }> = [];
      for (const chunk of chunks.values()) {
        if (chunk.embedding && filter(chunk)) scored.push({ chunk, score: cosine(vector, chunk.embedding) });
      }
      return scored
        .sort((a, b) => b.score - a.score)
        .slice(0, options.limit)
        .map((s) => hit(s.chunk, s.score, s.score));
    },
  };
}

function newestFirst(a: KnowledgeFile, b: KnowledgeFile): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

async function gather(source: ChunkSource): Promise<StoredChunk[]> {
  const list: StoredChunk[] = [];
  for await (const batch of chunkBatches(source)) list.push(...batch);
  return list;
}
