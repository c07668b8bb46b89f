import { connectRedis } from '@company-chat/core/redis';
import type { Redis } from 'ioredis';

/**
 * The Redis the tests use (a real server, never a mock): `REDIS_URL`, else the local server of the
 * development and CI machines. The one place that default is written.
 */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A client plus a unique key prefix for one test, and a cleanup that deletes the prefix's keys. */
export async function redisForTest(): Promise<{ redis: Redis; keyPrefix: string; cleanup: () => Promise<void> }> {
  const redis = await connectRedis(TEST_REDIS_URL);
  const keyPrefix = `cc-test:${crypto.randomUUID()}:`;
  return {
    redis,
    keyPrefix,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
