import type { Redis } from 'ioredis';
import type { Logger } from '../../engine/logger.js';
import {
  ADDRESS_WINDOW_MS,
  addressKey,
  type LoginThrottle,
  type LoginThrottleOptions,
  loginThrottleKeys,
  loginThrottleSettings,
} from '../../identity/login-throttle.js';
import { createMemoryLoginThrottle } from '../../identity/memory-login-throttle.js';
import type { Instrumentation } from '../../telemetry/instrumentation.js';
import { addressHitScript, loginAttemptScript, loginSucceededScript } from './redis-login-throttle-scripts.js';

/** Options of {@link createRedisLoginThrottle}. */
export interface RedisLoginThrottleOptions extends LoginThrottleOptions {
  redis: Redis;
  /** Prefix of every key. Default `cc:login:`. */
  keyPrefix?: string;
  logger?: Logger;
  /** Told of each failed Redis command (`redis-error`), for metrics. */
  instrumentation?: Instrumentation;
}

/**
 * A {@link LoginThrottle} in Redis, shared by every server instance, so N instances do not allow N
 * times the guesses. One Lua script per check. While Redis is unreachable it falls back to an
 * in-process throttle with the same settings (logged once per outage), like the request-rate limiter.
 *
 * @example
 * ```ts
 * const loginThrottle = createRedisLoginThrottle({ redis: await connectRedis(process.env.REDIS_URL!) });
 * ```
 */
export function createRedisLoginThrottle(options: RedisLoginThrottleOptions): LoginThrottle {
  const { redis } = options;
  const prefix = options.keyPrefix ?? 'cc:login:';
  const now = options.now ?? Date.now;
  const settings = loginThrottleSettings(options);
  const fallback = createMemoryLoginThrottle(options);
  let degraded = false;
  function onRedisError(error: unknown) {
    options.instrumentation?.record({ type: 'redis-error', backend: 'login-throttle' });
    if (!degraded) {
      options.logger?.warn('login throttle: Redis unavailable, falling back to per-process limits', {
        error: String(error),
      });
    }
    degraded = true;
  }
  // The account's hash tag keeps its keys on one cluster slot, as the scripts need.
  const accountKeys = (keys: { account: string; address: string }) => [
    `${prefix}{${keys.account}}:p:${keys.address}`,
    `${prefix}{${keys.account}}:a`,
    `${prefix}{${keys.account}}:g:${keys.address}`,
  ];

  return {
    async attempt(attempt) {
      const keys = await loginThrottleKeys(attempt);
      const at = now();
      let result: [number, number];
      try {
        result = (await loginAttemptScript.run(redis, accountKeys(keys), [
          at,
          settings.addressFailures,
          settings.accountFailures,
          settings.baseDelayMs,
          settings.maxDelayMs,
          settings.failureTtlMs,
        ])) as [number, number];
        degraded = false;
      } catch (error) {
        onRedisError(error);
        return fallback.attempt(attempt);
      }
      if (result[0] === 0) return { allowed: true };
      return { allowed: false, retryAfterMs: result[1], reason: result[0] === 1 ? 'address' : 'account' };
    },

    async succeeded(attempt) {
      const keys = await loginThrottleKeys(attempt);
      try {
        await loginSucceededScript.run(redis, accountKeys(keys), [
          settings.accountFailures,
          settings.goodAddressTtlMs,
          keys.knownAddress ? 1 : 0,
        ]);
        degraded = false;
      } catch (error) {
        onRedisError(error);
        await fallback.succeeded(attempt);
      }
    },

    async hitAddress(bucket, address, perMinute) {
      const at = now();
      const window = Math.floor(at / ADDRESS_WINDOW_MS);
      const key = `${prefix}ip:${bucket}:${await addressKey(address)}:${window}`;
      let count: number;
      try {
        count = (await addressHitScript.run(redis, [key], [perMinute, 2 * ADDRESS_WINDOW_MS])) as number;
        degraded = false;
      } catch (error) {
        onRedisError(error);
        return fallback.hitAddress(bucket, address, perMinute);
      }
      if (count <= perMinute) return { allowed: true };
      return { allowed: false, retryAfterMs: (window + 1) * ADDRESS_WINDOW_MS - at, reason: 'rate' };
    },
  };
}
