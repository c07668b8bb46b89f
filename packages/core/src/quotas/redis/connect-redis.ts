import { Redis, type RedisOptions } from 'ioredis';

/**
 * An ioredis client set up to fail fast, which the quota policy depends on: with ioredis's defaults
 * commands queue while Redis is down and requests hang; here they fail at once, so spend budgets can
 * fail closed and request rates can fall back to memory. Resolves when connected or after
 * `connectTimeoutMs` (the client keeps reconnecting in the background either way).
 *
 * @example
 * ```ts
 * const redis = await connectRedis(process.env.REDIS_URL!);
 * ```
 */
export async function connectRedis(
  url: string,
  options: RedisOptions & { connectTimeoutMs?: number } = {},
): Promise<Redis> {
  const { connectTimeoutMs = 2000, ...rest } = options;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...rest,
  });
  // An unhandled 'error' event would crash the process; failures surface on each command instead.
  redis.on('error', () => {});
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, connectTimeoutMs);
      redis.once('ready', done);
      function done() {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      }
    });
  }
  return redis;
}
