import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

// A caller's id is kept only when it is short and plain, so it cannot forge or break a log line.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (with `trustHeader`, the caller's `X-Request-Id` when it is safe, e.g. from
 * a load balancer of yours; else a new UUID), available as `c.var.requestId`, echoed in the
 * `X-Request-Id` response header and written in every log line about the request (the `request` line,
 * errors, provider failures, fallbacks, store retries).
 */
export function assignRequestId(options: { trustHeader: boolean } = { trustHeader: true }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = options.trustHeader ? c.req.header('x-request-id') : undefined;
    const id = given && SAFE_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    await next();
    // Streaming (SSE) responses have their headers set already; only add to those that can take it.
    try {
      c.res.headers.set('x-request-id', id);
    } catch {
      // Immutable headers (a fetched response passed through): the id is still in the logs.
    }
  };
}
