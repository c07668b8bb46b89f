/**
 * Splits text into lower-case words (runs of letters and digits), the unit of full-text search.
 * The SQL stores build a prefix `tsquery` from these words; the memory store matches them directly.
 */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when every query word starts some word of `text` (the memory store's full-text match). */
export function matchesSearch(words: readonly string[], text: string): boolean {
  const have = searchWords(text);
  return words.every((w) => have.some((h) => h.startsWith(w)));
}
