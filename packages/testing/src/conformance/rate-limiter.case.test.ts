import { type MemoryRateLimiterOptions, type Principal, QuotaError, type RateLimiter } from '@company-chat/core';
import { expect, it } from 'vitest';

/** Builds a fresh rate limiter for one test; `cleanup` removes whatever it stored. */
export type RateLimiterFactory = (
  options: MemoryRateLimiterOptions,
) => Promise<{ limiter: RateLimiter; cleanup?: () => Promise<void> }>;

const alice: Principal = { tenantId: 'acme', userId: 'alice', roles: ['user'], tier: 'small', via: 'jwt' };
const tiers = {
  free: { messagesPerMinute: 1 },
  small: { messagesPerMinute: 5, uploadsPerHour: 2, concurrentStreams: 2 },
  legacy: { requestsPerMinute: 3 },
};

/** The conformance suite every RateLimiter implementation passes. */
export function rateLimiterCases(factory: RateLimiterFactory): void {
  async function withLimiter(options: Partial<MemoryRateLimiterOptions>, run: (limiter: RateLimiter) => Promise<void>) {
    const { limiter, cleanup } = await factory({ tiers, ...options });
    try {
      await run(limiter);
    } finally {
      await cleanup?.();
    }
  }

  it('admits exactly messagesPerMinute of 200 concurrent messages, per user', async () => {
    await withLimiter({}, async (limiter) => {
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => limiter.hit(alice)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      const denied = results.find((r) => r.status === 'rejected');
      const reason = denied?.status === 'rejected' ? denied.reason : undefined;
      expect(reason).toBeInstanceOf(QuotaError);
      expect(reason).toMatchObject({
        code: 'rate_limited',
        statusCode: 429,
        limit: 'messagesPerMinute',
        scope: 'user',
      });
      expect((reason as QuotaError).retryAfterMs).toBeGreaterThan(0);
      expect((reason as QuotaError).retryAfterMs).toBeLessThanOrEqual(60_000);
      await limiter.hit({ ...alice, userId: 'bob' });
      await limiter.hit({ ...alice, tenantId: 'globex' });
    });
  });

  it('limits concurrent streams and frees a slot on release', async () => {
    await withLimiter({}, async (limiter) => {
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => limiter.acquireStream(alice)));
      const leases = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(leases).toHaveLength(2);
      await expect(limiter.acquireStream(alice)).rejects.toMatchObject({
        code: 'rate_limited',
        limit: 'concurrentStreams',
      });
      await leases[0]!.release();
      await leases[0]!.release(); // idempotent
      const again = await limiter.acquireStream(alice);
      await expect(limiter.acquireStream(alice)).rejects.toBeInstanceOf(QuotaError);
      await again.release();
      await leases[1]!.release();
    });
  });

  it('applies tenant limits across users', async () => {
    await withLimiter({ tenantLimits: () => ({ messagesPerMinute: 3 }) }, async (limiter) => {
      await limiter.hit(alice);
      await limiter.hit({ ...alice, userId: 'bob' });
      await limiter.hit({ ...alice, userId: 'carol' });
      await expect(limiter.hit({ ...alice, userId: 'dave' })).rejects.toMatchObject({ scope: 'tenant' });
    });
  });

  it('counts uploads per hour apart from messages', async () => {
    await withLimiter({}, async (limiter) => {
      await limiter.hit(alice, 'uploadsPerHour');
      await limiter.hit(alice, 'uploadsPerHour');
      const denied = await limiter.hit(alice, 'uploadsPerHour').catch((error: unknown) => error);
      expect(denied).toMatchObject({ code: 'rate_limited', limit: 'uploadsPerHour', scope: 'user' });
      expect((denied as QuotaError).retryAfterMs).toBeGreaterThan(60_000);
      expect((denied as QuotaError).retryAfterMs).toBeLessThanOrEqual(3_600_000);
      for (let i = 0; i < 5; i++) await limiter.hit(alice);
      await expect(limiter.hit(alice)).rejects.toMatchObject({ limit: 'messagesPerMinute' });
    });
  });

  it('reads the deprecated requestsPerMinute as messagesPerMinute', async () => {
    await withLimiter({}, async (limiter) => {
      const old = { ...alice, tier: 'legacy' };
      for (let i = 0; i < 3; i++) await limiter.hit(old);
      await expect(limiter.hit(old)).rejects.toMatchObject({ limit: 'messagesPerMinute' });
    });
  });

  it('caps requests per client address, whoever sends them', async () => {
    await withLimiter({}, async (limiter) => {
      const results = await Promise.allSettled(Array.from({ length: 40 }, () => limiter.hitAddress('192.0.2.7', 25)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(25);
      await expect(limiter.hitAddress('192.0.2.7', 25)).rejects.toMatchObject({
        code: 'rate_limited',
        limit: 'requestsPerMinute',
        scope: 'address',
      });
      await limiter.hitAddress('2001:db8::1', 25);
      // The address ceiling and a user's message rate are separate counters.
      await limiter.hit(alice);
    });
  });

  it('frees a stream slot whose lease expired (crashed process)', async () => {
    let clock = Date.UTC(2026, 0, 1);
    await withLimiter({ now: () => clock, streamLeaseTtlMs: 30_000 }, async (limiter) => {
      await limiter.acquireStream(alice);
      await limiter.acquireStream(alice);
      await expect(limiter.acquireStream(alice)).rejects.toBeInstanceOf(QuotaError);
      clock += 31_000;
      await (await limiter.acquireStream(alice)).release();
    });
  });
}
