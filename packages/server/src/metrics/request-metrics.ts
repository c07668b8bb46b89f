import { CompanyChatError } from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { routePattern } from '../routes/route-pattern.js';
import type { AppMetrics } from './app-metrics.js';

/**
 * Times every request and reports it with its route pattern and status. Streaming (SSE) responses are
 * timed until their headers are ready: how long an answer streams is `company_chat_answer_duration_seconds`.
 * A request that failed because the store is down also counts as a store error.
 */
export function requestMetrics(metrics: AppMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      metrics.observeRequest({
        method: c.req.method,
        route: routePattern(c),
        status: c.res.status,
        durationSeconds: (performance.now() - started) / 1000,
      });
      if (CompanyChatError.isInstance(c.error) && c.error.code === 'store_unavailable') {
        metrics.instrumentation.record({ type: 'store-error', operation: 'request' });
      }
    }
  };
}
