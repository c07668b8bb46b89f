import { rateLimiterCases } from '@company-chat/testing/conformance';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';

describe('memory rate limiter', () => {
  rateLimiterCases(async (options) => ({ limiter: createMemoryRateLimiter(options) }));

  it('opens a new window after a minute', async () => {
    let clock = 0;
    const limiter = createMemoryRateLimiter({ tiers: { free: { messagesPerMinute: 1 } }, now: () => clock });
    const principal = { tenantId: 't', userId: 'u', roles: [], tier: 'free', via: 'dev' as const };
    await limiter.hit(principal);
    await expect(limiter.hit(principal)).rejects.toMatchObject({ retryAfterMs: 60_000 });
    clock = 60_000;
    await limiter.hit(principal);
  });
});
