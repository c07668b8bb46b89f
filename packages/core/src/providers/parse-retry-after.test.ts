import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './parse-retry-after.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '2' }))).toBe(1500);
  });
  it('reads retry-after in (fractional) seconds', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after': '7' }))).toBe(7000);
    expect(parseRetryAfterMs(headers({ 'retry-after': '0.5' }))).toBe(500);
  });
  it('reads retry-after as an HTTP date, never negative', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)).toBe(0);
  });
  it('is undefined without usable headers', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs(headers({}))).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': '-3' }))).toBeUndefined();
  });
});
