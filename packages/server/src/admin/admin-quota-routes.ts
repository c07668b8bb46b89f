import { CompanyChatError, type TierLimits } from '@company-chat/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app/app-env.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { type AdminRoutesOptions, auditAdmin } from './admin-context.js';

const limit = z.number().min(0).max(1e15);
/** Body of `PUT /admin/tiers/:name`: the tier's limits. */
export const tierLimitsSchema = z.strictObject({
  messagesPerMinute: limit.optional(),
  uploadsPerHour: limit.optional(),
  /** Deprecated name of messagesPerMinute, still accepted (and read as it). */
  requestsPerMinute: limit.optional(),
  concurrentStreams: limit.optional(),
  tokensPerDay: limit.optional(),
  tokensPerMonth: limit.optional(),
  costPerMonth: limit.optional(),
});

/**
 * `/tiers`: the quota tiers (read, and replace one tier's limits). The tiers object is the one the
 * ledger and rate limiter read on every check, so a change applies to the next request on this instance.
 */
export function adminQuotaRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/tiers', (c) => c.json({ enforced: options.quotas.tiers !== undefined, tiers: options.quotas.tiers ?? {} }));
  app.put('/tiers/:name', jsonBodyLimit(16 * 1024), async (c) => {
    const tiers = options.quotas.tiers;
    if (!tiers) {
      throw new CompanyChatError({
        code: 'not_supported',
        message: 'Quotas are not configured (set COMPANY_CHAT_TIERS), so there are no tiers to change.',
      });
    }
    const name = c.req.param('name');
    if (!/^[\w.-]{1,64}$/.test(name))
      throw new CompanyChatError({ code: 'invalid_request', message: 'Bad tier name.' });
    const limits: TierLimits = await readJsonBody(c, tierLimitsSchema);
    const before = Object.hasOwn(tiers, name) ? tiers[name] : undefined;
    tiers[name] = limits;
    await auditAdmin(c, options, {
      action: 'quota.update',
      target: `tier:${name}`,
      details: { before, after: limits },
    });
    return c.json({ name, limits });
  });
  return app;
}
