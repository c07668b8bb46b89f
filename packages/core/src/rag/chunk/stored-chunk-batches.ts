import { newId } from '../../conversations/new-id.js';
import type { TokenCounter } from '../../engine/token-counter.js';
import { yieldToEventLoop } from '../concurrency-limit.js';
import type { Embedder } from '../embed/embedder.js';
import type { StoredChunk } from '../knowledge-types.js';
import type { DocumentBlock } from '../parse/parsed-document.js';
import type { ChunkOptions } from './chunk.js';
import { chunkBlocks } from './chunk-document.js';

/** Chunks per batch: one embedding request and one insert statement each. */
export const CHUNK_BATCH = 256;

/** Options of {@link storedChunkBatches}. */
export interface StoredChunkBatchesOptions {
  fileId: string;
  counter: TokenCounter;
  chunking?: ChunkOptions;
  /** Embeds each batch before it is handed on. */
  embedder?: Embedder;
  signal?: AbortSignal;
  /** After each batch: chunks made so far, and the share (0–1) of the document's text they cover. */
  onBatch?: (made: number, fraction: number) => void;
}

/**
 * A document's chunks as stored, made (and embedded) {@link CHUNK_BATCH} at a time only when the store
 * asks for the next batch: memory holds the parsed blocks and one batch, never every chunk of a large
 * file with its vector. The event loop gets a turn between batches.
 */
export async function* storedChunkBatches(
  blocks: readonly DocumentBlock[],
  options: StoredChunkBatchesOptions,
): AsyncGenerator<StoredChunk[]> {
  const { fileId, embedder, signal } = options;
  // Offsets of chunks count a newline between blocks: the text's length the same way.
  const length = Math.max(
    1,
    blocks.reduce((n, b) => n + b.text.length + 1, -1),
  );
  let made = 0;
  let batch: StoredChunk[] = [];
  const finish = async (ready: StoredChunk[], endOffset: number) => {
    if (embedder) {
      const vectors = await embedder.embed(
        ready.map((c) => [...c.headingPath, c.text].join('\n')),
        { signal },
      );
      vectors.forEach((vector, i) => {
        ready[i]!.embedding = vector;
      });
    }
    made += ready.length;
    options.onBatch?.(made, Math.min(1, endOffset / length));
    signal?.throwIfAborted();
    await yieldToEventLoop();
    return ready;
  };
  for (const chunk of chunkBlocks(blocks, options.counter, options.chunking)) {
    batch.push({ ...chunk, id: newId(), fileId });
    if (batch.length < CHUNK_BATCH) continue;
    const ready = batch;
    batch = [];
    yield await finish(ready, chunk.endOffset);
  }
  if (batch.length > 0) yield await finish(batch, length);
}
