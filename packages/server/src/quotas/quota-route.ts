import type { QuotaLedger } from '@company-chat/core';
import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';

/**
 * `GET /quota`: the caller's budgets in their current windows (used, reserved, max, reset time), for the
 * widget's remaining-quota display. `{ enforced: false }` when no ledger is configured.
 */
export function quotaRoute(options: { ledger?: QuotaLedger | undefined }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/quota', async (c) => {
    const principal = c.var.principal;
    if (!options.ledger) return c.json({ enforced: false, tier: principal.tier, limits: [] });
    const limits = await options.ledger.usage(principal);
    return c.json({
      enforced: true,
      tier: principal.tier,
      limits: limits.map((l) => ({ ...l, resetsAt: l.resetsAt.toISOString() })),
    });
  });
  app.all('/quota', methodNotAllowed(['GET']));
  return app;
}
