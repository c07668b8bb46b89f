import type { ContextPassage } from '../../providers/chat-model.js';
import { Bm25Index } from '../search/bm25-index.js';
import { splitSentences } from '../search/split-sentences.js';

/** A sentence chosen for an extractive answer. */
export interface PickedSentence {
  passage: ContextPassage;
  /** Position of the passage in the retrieval order (0 = best) and of the sentence within it. */
  rank: number;
  position: number;
  text: string;
  score: number;
}

/** Options of {@link pickSentences}. */
export interface PickSentencesOptions {
  /** Sentences at most. Default 4. */
  maxSentences?: number;
  /** Characters of quoted text at most (whole sentences; the first one is always kept). Default 800. */
  maxChars?: number;
  /** A sentence scoring under this share of the best one is left out. Default 0.4. */
  minShare?: number;
}

// Retrieval already ranked the passages: a small bonus for rank breaks ties between equal sentences in
// favour of the passage the search found best.
const RANK_BONUS = 0.05;

/**
 * The sentences of the passages that best match the question's weighted terms, best first: BM25 over
 * sentences (so a word found in every sentence counts little), with each text quoted once (chunks
 * overlap) and heading lines left out (they are labels, not statements). When no sentence shares a
 * word with the question (the passages came from vector search), the opening of the best passage.
 */
export function pickSentences(
  passages: readonly ContextPassage[],
  terms: readonly string[],
  weights: ReadonlyMap<string, number>,
  options: PickSentencesOptions = {},
): PickedSentence[] {
  const maxSentences = options.maxSentences ?? 4;
  const maxChars = options.maxChars ?? 800;
  const candidates: PickedSentence[] = [];
  const seen = new Set<string>();
  const index = new Bm25Index();
  passages.forEach((passage, rank) => {
    const headings = new Set((passage.headingPath ?? []).map(normalise));
    let position = 0;
    for (const line of passage.text.split(/\n+/)) {
      if (headings.has(normalise(line)) || isLabel(line)) continue;
      for (const text of splitSentences(line)) {
        const key = normalise(text);
        position++;
        if (seen.has(key)) continue;
        seen.add(key);
        index.add(String(candidates.length), text);
        candidates.push({ passage, rank, position, text, score: 0 });
      }
    }
  });
  if (candidates.length === 0) return [];
  for (const { id, score } of index.search(terms, candidates.length, () => true, weights)) {
    const candidate = candidates[Number(id)]!;
    candidate.score = score * (1 + RANK_BONUS * (passages.length - candidate.rank));
  }
  const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
  if (ranked.length === 0) return candidates.filter((c) => c.rank === 0).slice(0, 2);
  const floor = ranked[0]!.score * (options.minShare ?? 0.4);
  const picked: PickedSentence[] = [];
  let chars = 0;
  for (const candidate of ranked) {
    if (picked.length >= maxSentences || candidate.score < floor) break;
    if (picked.length > 0 && chars + candidate.text.length > maxChars) continue;
    picked.push(candidate);
    chars += candidate.text.length;
  }
  return picked;
}

/**
 * A heading kept as a line of its own (Markdown `#`, or a short line that ends without punctuation,
 * like "Parental leave" or "--retry-max-time <seconds>"): a label of what follows, not a statement.
 * Table rows (`header: value; ...`) end without punctuation too, but hold a colon.
 */
function isLabel(line: string): boolean {
  const text = line.trim();
  if (/^#{1,6}\s/.test(text)) return true;
  return text.split(/\s+/).length <= 8 && !/[.!?:;,)\]"'”]$/.test(text) && !text.includes(':');
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
