import { searchWords } from '../conversations/search-words.js';

/**
 * Builds a `to_tsquery('simple', ...)` argument matching every word of the user's query as a prefix
 * (`'inv':* & 'q3':*`). Words are runs of letters and digits only, so nothing in them is tsquery syntax.
 * Null when the query has no words.
 */
export function prefixTsQuery(query: string): string | null {
  const words = searchWords(query).slice(0, 16);
  return words.length === 0 ? null : words.map((w) => `'${w}':*`).join(' & ');
}
