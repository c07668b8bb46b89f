import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for the API: pages on the listed origins may call it from the browser (the widget embedded on
 * another site); every other origin gets no CORS headers, so its browser blocks the response.
 * Origins are compared exactly (scheme, host and port), after normalising through `URL`.
 */
export function corsForOrigins(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins.map(normaliseOrigin).filter((o): o is string => o !== null));
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-User-Id', 'Last-Event-ID'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
    credentials: true,
  });
}

/** `https://Example.com:443/` → `https://example.com`; null for anything that is not an http(s) origin. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
