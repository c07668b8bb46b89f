/** The subset of the Fetch `Headers` API the retry-after parser reads. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Milliseconds to wait before retrying, from `retry-after-ms` (Azure, OpenAI) or `retry-after`
 * (seconds or an HTTP date, RFC 9110 §10.2.3). `undefined` when the upstream sent neither.
 */
export function parseRetryAfterMs(headers: HeaderReader | undefined | null, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
