import type { Logger } from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { routePattern } from '../routes/route-pattern.js';

/** A {@link Logger} that may also write debug lines (the server's logger does). */
export type RequestLogger = Logger & { debug?: Logger['info'] };

/**
 * One `request` line per request when its response is ready: request id, method, route pattern, path
 * (without the query, which may carry tokens), status and duration. Health probes, which load balancers
 * send every few seconds, are logged at debug. Streaming responses are logged when the stream starts.
 */
export function requestLog(logger: RequestLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const details = {
        requestId: c.var.requestId,
        method: c.req.method,
        route: routePattern(c),
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      };
      if (c.req.path.startsWith('/health')) logger.debug?.('request', details);
      else if (c.res.status >= 500) logger.error('request', details);
      else logger.info('request', details);
    }
  };
}
