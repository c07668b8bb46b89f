// Deterministic distractor chunks for the retrieval benchmark: sentences drawn from a Zipf-distributed
// vocabulary of made-up words in which the benchmark documents' own words are mixed from rank 300 on
// (one in three), so the words of the questions also occur in hundreds to thousands of unrelated
// chunks, as topical words do across a company's files, while the most frequent words are fillers.
import type { StoredChunk } from '@company-chat/core';

/** A small seeded PRNG (mulberry32) so every run loads the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a chunk generator over `realWords` plus `extra` invented words. */
export function createChunkGenerator(realWords: string[], extra = 4000, seed = 42) {
  const random = rng(seed);
  const syllables = ['ka', 'lo', 'mi', 'ra', 'tu', 'ven', 'sor', 'dal', 'qui', 'bre', 'nox', 'pel'];
  const invented = Array.from({ length: extra }, () => {
    const n = 2 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  });
  const vocabulary: string[] = invented.slice(0, 300);
  let r = 0;
  for (let i = 300; i < invented.length || r < realWords.length; i++) {
    if (invented[i]) vocabulary.push(invented[i]!);
    if (i % 2 === 1 && r < realWords.length) vocabulary.push(realWords[r++]!);
  }
  // Zipf (s = 1) by inverse CDF over precomputed cumulative weights.
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= vocabulary.length; rank++) {
    total += 1 / rank;
    cumulative.push(total);
  }
  const word = () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
  const sentence = () => {
    const n = 8 + Math.floor(random() * 10);
    const words = Array.from({ length: n }, word);
    return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
  };
  return {
    word,
    /** `count` chunks of about 80 words for one file. */
    chunks(fileId: string, count: number): StoredChunk[] {
      return Array.from({ length: count }, (_, ordinal) => {
        const text = Array.from({ length: 6 }, sentence).join(' ');
        return {
          id: crypto.randomUUID(),
          fileId,
          ordinal,
          text,
          tokenCount: Math.round(text.length / 4),
          headingPath: [`Section ${ordinal % 7}`],
          startOffset: 0,
          endOffset: text.length,
        };
      });
    },
  };
}
