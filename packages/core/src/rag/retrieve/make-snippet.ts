import { searchWords } from '../../conversations/search-words.js';
import { stem } from '../search/query-terms.js';

/**
 * The sentence (or run of sentences) of `text` sharing the most words with the question, cut to
 * about `maxChars` on word boundaries: what a citation shows.
 */
export function makeSnippet(text: string, terms: readonly string[], maxChars = 240): string {
  const sentences = text
    .match(/[^.!?\n]+[.!?]*/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [text];
  const wanted = new Set(terms);
  let best = 0;
  let bestScore = -1;
  sentences.forEach((sentence, i) => {
    const score = new Set(
      searchWords(sentence)
        .map(stem)
        .filter((w) => wanted.has(w)),
    ).size;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  let snippet = sentences[best] ?? '';
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
