import type { ChunkHit } from '../knowledge-types.js';

/**
 * The least relevance a passage needs to be given to the model or cited: no context rather than wrong
 * context. Each search has its own floor, applied to its own results before they are fused, so a
 * passage that one search found relevant is not carried in by the other's rank.
 */
export interface RelevanceFloor {
  /**
   * Full-text search: the least share (0–1) of the question's term weight a passage must match, each
   * word weighted by its inverse document frequency (a word found in few chunks weighs more; a word
   * found in none weighs the most). `0.2` keeps a passage that matches the rare words of a question
   * and drops one that only shares its common words or misses the subject of the question entirely
   * (on the retrieval benchmark's questions the answering passage matched 0.28–1, off-topic questions
   * at most 0.15). `0` turns the floor off. Default 0.2.
   */
  minTextRelevance?: number;
  /**
   * Vector search: the least cosine similarity between the question and a passage. Depends on the
   * embedding model: unrelated texts score about 0.1–0.2 with OpenAI's `text-embedding-3-*`, but
   * 0.4–0.6 with some open models (raise it for those). `0` turns the floor off (`-1` keeps all).
   * Default 0.3.
   */
  minVectorSimilarity?: number;
}

/** The floor used when none is configured. */
export const DEFAULT_RELEVANCE_FLOOR: Required<RelevanceFloor> = { minTextRelevance: 0.2, minVectorSimilarity: 0.3 };

/** The hits at or above `min` (hits whose store reports no relevance pass). */
export function aboveFloor(hits: readonly ChunkHit[], min: number): ChunkHit[] {
  return hits.filter((hit) => hit.relevance === undefined || hit.relevance >= min);
}

/** Checks a configured floor, with the setting's name in the error. */
export function checkRelevanceFloor(floor: RelevanceFloor): Required<RelevanceFloor> {
  const resolved = { ...DEFAULT_RELEVANCE_FLOOR, ...floor };
  if (!(resolved.minTextRelevance >= 0 && resolved.minTextRelevance <= 1)) {
    throw new RangeError(`minTextRelevance must be from 0 to 1, got ${resolved.minTextRelevance}`);
  }
  if (!(resolved.minVectorSimilarity >= -1 && resolved.minVectorSimilarity <= 1)) {
    throw new RangeError(`minVectorSimilarity must be from -1 to 1, got ${resolved.minVectorSimilarity}`);
  }
  return resolved;
}
