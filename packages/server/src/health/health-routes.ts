import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';

/** One readiness check: resolves when the dependency answers, throws (or times out) when it does not. */
export type ReadinessCheck = () => Promise<unknown>;

/** Options of {@link healthRoutes}. */
export interface HealthRoutesOptions {
  /** Named checks of `/health/ready` (`store`, `redis`, `models`, ...), run in parallel. */
  checks: Record<string, ReadinessCheck>;
  /** Longest wait for one check; a check that takes longer counts as failed. */
  timeoutMs: number;
}

// Load balancers retry a 503 node after this; the store's own Retry-After is the same order.
const RETRY_AFTER_SECONDS = '5';

/** Resolves `ok` or `unavailable`, never later than `timeoutMs` (a black-holed database must not hang the probe). */
async function probe(check: ReadinessCheck, timeoutMs: number): Promise<'ok' | 'unavailable'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'unavailable'>((resolve) => {
    timer = setTimeout(() => resolve('unavailable'), timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health/live` answers 200 while the process serves requests (restart it when this fails);
 * `GET /health/ready` answers 200 only when every dependency answers (the store, Redis when used, a
 * model configured), else 503 with `Retry-After`, so a load balancer sends users elsewhere;
 * `GET /health` is the same as ready. Bodies: `{ "status": "ok" | "unavailable", "checks": { name: status } }`.
 */
export function healthRoutes(options: HealthRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ready = async () => {
    const names = Object.keys(options.checks);
    const results = await Promise.all(names.map((name) => probe(options.checks[name]!, options.timeoutMs)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    const ok = results.every((r) => r === 'ok');
    return new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }), {
      status: ok ? 200 : 503,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...(ok ? {} : { 'retry-after': RETRY_AFTER_SECONDS }),
      },
    });
  };
  app.get('/health/live', (c) => c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' }));
  app.get('/health/ready', ready);
  app.get('/health', ready);
  for (const path of ['/health', '/health/live', '/health/ready']) app.all(path, methodNotAllowed(['GET']));
  return app;
}
