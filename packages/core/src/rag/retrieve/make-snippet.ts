import { indexWords } from '../search/query-terms.js';
import { splitSentences } from '../search/split-sentences.js';

/**
 * How well a sentence matches: the summed weights of the distinct query terms it contains (a term
 * not in `weights` weighs 1; terms not in `terms` count nothing).
 */
export function sentenceScore(
  sentence: string,
  terms: readonly string[],
  weights?: ReadonlyMap<string, number>,
): number {
  const wanted = new Set(terms);
  let score = 0;
  for (const word of new Set(indexWords(sentence))) {
    if (wanted.has(word)) score += weights?.get(word) ?? 1;
  }
  return score;
}

/**
 * The sentence (or run of sentences) of `text` sharing the most words with the question, cut to
 * about `maxChars` on word boundaries: what a citation shows.
 */
export function makeSnippet(
  text: string,
  terms: readonly string[],
  maxChars = 240,
  weights?: ReadonlyMap<string, number>,
): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return shorten(text, maxChars);
  let best = 0;
  let bestScore = -1;
  sentences.forEach((sentence, i) => {
    const score = sentenceScore(sentence, terms, weights);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  let snippet = sentences[best]!;
  for (let i = best + 1; i < sentences.length && snippet.length + sentences[i]!.length < maxChars; i++) {
    snippet += ` ${sentences[i]}`;
  }
  return shorten(snippet, maxChars);
}

/** Cuts text to `maxChars` at a word boundary, adding an ellipsis. */
export function shorten(text: string, maxChars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
