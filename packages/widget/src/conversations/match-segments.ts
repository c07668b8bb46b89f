/** A piece of a title: `match` when it is where a searched word matched. */
export interface MatchSegment {
  text: string;
  match: boolean;
}

/**
 * Splits `text` where words of `query` match the start of one of its words, as the server's search
 * matches them (word prefixes, case-insensitive), so matches can be marked without any HTML parsing.
 */
export function matchSegments(text: string, query: string): MatchSegment[] {
  const words = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return [{ text, match: false }];
  // Longest first, so "quarterly" wins over "quarter" where both match.
  const alternatives = words
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})`, 'giu');
  const segments: MatchSegment[] = [];
  let end = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > end) segments.push({ text: text.slice(end, m.index), match: false });
    segments.push({ text: m[0], match: true });
    end = m.index + m[0].length;
  }
  if (end < text.length) segments.push({ text: text.slice(end), match: false });
  return segments;
}
