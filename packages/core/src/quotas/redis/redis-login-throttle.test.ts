import { loginThrottleCases } from '@company-chat/testing/conformance';
import { redisForTest } from '@company-chat/testing/databases';
import { describe, expect, it } from 'vitest';
import { connectRedis } from './connect-redis.js';
import { createRedisLoginThrottle } from './redis-login-throttle.js';

describe('Redis login throttle', () => {
  loginThrottleCases(async (options) => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    return { throttle: createRedisLoginThrottle({ ...options, redis, keyPrefix }), cleanup };
  });

  it('is shared by every instance on one Redis', async () => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    try {
      const one = createRedisLoginThrottle({ redis, keyPrefix, addressFailures: 4 });
      const two = createRedisLoginThrottle({ redis, keyPrefix, addressFailures: 4 });
      const attempt = { tenantId: 'acme', email: 'bob@example.com', address: '198.51.100.1' };
      const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).attempt(attempt)));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(4);
    } finally {
      await cleanup();
    }
  });

  it('falls back to per-process limits while Redis is down, logging it once', async () => {
    const redis = await connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 300 });
    const warnings: string[] = [];
    const logger = { info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
    try {
      const throttle = createRedisLoginThrottle({ redis, logger, addressFailures: 2 });
      const attempt = { tenantId: 'acme', email: 'bob@example.com', address: '198.51.100.1' };
      expect(await throttle.attempt(attempt)).toEqual({ allowed: true });
      expect(await throttle.attempt(attempt)).toEqual({ allowed: true });
      expect(await throttle.attempt(attempt)).toMatchObject({ allowed: false, reason: 'address' });
      await throttle.succeeded(attempt);
      expect(await throttle.hitAddress('auth', '198.51.100.1', 1)).toEqual({ allowed: true });
      expect(await throttle.hitAddress('auth', '198.51.100.1', 1)).toMatchObject({ allowed: false });
      expect(warnings).toEqual(['login throttle: Redis unavailable, falling back to per-process limits']);
    } finally {
      redis.disconnect();
    }
  });
});
