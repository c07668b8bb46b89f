import { z } from 'zod';

/** One of the caller's limits in its current window. */
export const quotaLimitSchema = z
  .object({
    scope: z.enum(['user', 'apiKey', 'tenant']),
    /** `tokensPerDay`, `tokensPerMonth`, `costPerMonth` (US dollars), ... */
    limit: z.string(),
    used: z.number(),
    /** Held by answers in flight. */
    reserved: z.number(),
    /** The cap; null when this limit is not configured. */
    max: z.number().nullable(),
    /** ISO time the window resets. */
    resetsAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'QuotaLimit' });

/** The caller's quota (`GET /quota`): `enforced: false` (and no limits) when the server meters nothing. */
export const quotaStatusSchema = z
  .object({ enforced: z.boolean(), tier: z.string().nullable().optional(), limits: z.array(quotaLimitSchema) })
  .meta({
    id: 'QuotaStatus',
    examples: [
      {
        enforced: true,
        tier: 'standard',
        limits: [
          {
            scope: 'user',
            limit: 'tokensPerDay',
            used: 1200,
            reserved: 0,
            max: 100000,
            resetsAt: '2026-01-06T00:00:00.000Z',
          },
        ],
      },
    ],
  });
