/**
 * The least weight of a word, added to every word's inverse document frequency (as Lucene's classic
 * `1 + log(...)` does). Without it a word found in every chunk of a small collection weighs almost
 * nothing (1 chunk: 0.29 against 1.39 for a word found nowhere), so a one-chunk file could never be
 * relevant to a question with one word it lacks. With it that word still weighs a third to a half of
 * an absent one while the collection is small, and in a large collection (rare words weigh 5–12) the
 * floor barely moves the balance. Chosen so that a one-to-three-chunk collection keeps a question's
 * subject word above the default relevance floor and still drops a passage that shares only two
 * everyday words of a six-word question.
 */
export const IDF_FLOOR = 0.6;

/**
 * BM25's inverse document frequency (Robertson/Sparck Jones, `+ 1` inside the log so it is never
 * negative) of a word found in `df` of `n` chunks, plus {@link IDF_FLOOR}. The memory index and the
 * SQL stores both weigh words with it, so relevance means the same on every store.
 */
export function inverseDocumentFrequency(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5)) + IDF_FLOOR;
}
