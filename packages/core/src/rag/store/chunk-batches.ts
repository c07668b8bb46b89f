import type { ChunkSource, StoredChunk } from '../knowledge-types.js';

/** The batches of a {@link ChunkSource}, in order. */
export async function* chunkBatches(source: ChunkSource): AsyncGenerator<readonly StoredChunk[]> {
  if (Symbol.asyncIterator in source) yield* source;
  else yield source;
}
