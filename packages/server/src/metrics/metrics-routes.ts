import { authorize } from '@company-chat/core';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import type { AppMetrics } from './app-metrics.js';

// The reports' rule: admins and auditors read operational data, nobody else.
const readers = { scope: 'admin', role: ['admin', 'auditor'] } as const;

/**
 * `GET /metrics`: the Prometheus exposition. With `authenticate` (the app's identity middleware) only
 * an admin or auditor credential (e.g. an admin API key as a bearer token) may read it, 401/403
 * otherwise (in development mode, the dev user); without it (a separate metrics port on a private network) anyone who reaches it may.
 */
export function metricsRoutes(metrics: AppMetrics, authenticate?: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (authenticate) {
    app.get('/metrics', authenticate, async (c, next) => {
      // Development mode is loopback-only and has no admin to sign in as: its user may read them.
      if (c.var.principal.via !== 'dev') authorize(c.var.principal, readers);
      await next();
    });
  }
  app.get('/metrics', async () => {
    const { contentType, body } = await metrics.scrape();
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  });
  app.all('/metrics', methodNotAllowed(['GET']));
  return app;
}
