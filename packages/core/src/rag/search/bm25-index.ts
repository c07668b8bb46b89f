import { inverseDocumentFrequency } from './inverse-document-frequency.js';
import { indexWords } from './query-terms.js';

const K1 = 1.2;
const B = 0.75;

/**
 * An in-memory BM25 index (k1 = 1.2, b = 0.75, words weighed by {@link inverseDocumentFrequency}) over chunk texts.
 * `search` scores only documents that pass `filter`, so scoping happens before ranking.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly lengths = new Map<string, number>();
  private totalLength = 0;

  add(id: string, text: string): void {
    const words = indexWords(text);
    this.lengths.set(id, words.length);
    this.totalLength += words.length;
    for (const word of words) {
      let posting = this.postings.get(word);
      if (!posting) {
        posting = new Map();
        this.postings.set(word, posting);
      }
      posting.set(id, (posting.get(id) ?? 0) + 1);
    }
  }

  remove(id: string, text: string): void {
    const length = this.lengths.get(id);
    if (length === undefined) return;
    this.lengths.delete(id);
    this.totalLength -= length;
    for (const word of new Set(indexWords(text))) {
      const posting = this.postings.get(word);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(word);
    }
  }

  /**
   * Ids and scores of matching documents, best first, each with its `relevance`: the share of the
   * terms' total inverse document frequency ({@link inverseDocumentFrequency}) that the document
   * matches (a term no document has counts with the highest weight, so a question about something
   * absent scores low everywhere). `weights`
   * scales each term's contribution to both (default 1).
   */
  search(
    terms: readonly string[],
    limit: number,
    filter: (id: string) => boolean,
    weights?: ReadonlyMap<string, number>,
  ): Array<{ id: string; score: number; relevance: number }> {
    const n = this.lengths.size;
    const avg = n === 0 ? 0 : this.totalLength / n;
    const scores = new Map<string, { score: number; matched: number }>();
    let totalWeight = 0;
    for (const term of terms) {
      const posting = this.postings.get(term);
      const idf = (weights?.get(term) ?? 1) * inverseDocumentFrequency(n, posting?.size ?? 0);
      totalWeight += idf;
      if (!posting) continue;
      for (const [id, tf] of posting) {
        if (!filter(id)) continue;
        const length = this.lengths.get(id) ?? 0;
        const score = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / (avg || 1)));
        const entry = scores.get(id) ?? { score: 0, matched: 0 };
        entry.score += score;
        entry.matched += idf;
        scores.set(id, entry);
      }
    }
    return [...scores]
      .map(([id, { score, matched }]) => ({ id, score, relevance: totalWeight > 0 ? matched / totalWeight : 0 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
