import { rateLimiterCases } from '@company-chat/testing/conformance';
import { redisForTest } from '@company-chat/testing/databases';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../identity/principal.js';
import { connectRedis } from './connect-redis.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

const alice: Principal = { tenantId: 'acme', userId: 'alice', roles: ['user'], tier: 'free', via: 'jwt' };

describe('Redis rate limiter', () => {
  rateLimiterCases(async (options) => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    return { limiter: createRedisRateLimiter({ ...options, redis, keyPrefix }), cleanup };
  });

  it('falls back to per-process limits when Redis is down, still enforcing them', async () => {
    const redis = await connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 300 });
    const warnings: string[] = [];
    const logger = { info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
    try {
      const limiter = createRedisRateLimiter({
        tiers: { free: { messagesPerMinute: 2, concurrentStreams: 1 } },
        redis,
        logger,
      });
      await limiter.hit(alice);
      await limiter.hit(alice);
      await expect(limiter.hit(alice)).rejects.toMatchObject({ code: 'rate_limited', limit: 'messagesPerMinute' });
      const lease = await limiter.acquireStream(alice);
      await expect(limiter.acquireStream(alice)).rejects.toMatchObject({ limit: 'concurrentStreams' });
      await lease.release();
      expect(warnings[0]).toMatch(/falls back/);
    } finally {
      redis.disconnect();
    }
  });
});
