import type { Redis } from 'ioredis';
import type { Logger } from '../../engine/logger.js';
import type { Instrumentation } from '../../telemetry/instrumentation.js';
import { createMemoryRateLimiter } from '../memory-rate-limiter.js';
import type { LimitScope } from '../quota-error.js';
import { QuotaError } from '../quota-error.js';
import {
  addressSubjectKey,
  planRateSubjects,
  RATE_WINDOW_MS,
  type RateLimiter,
  type RateLimiterConfig,
  type RateLimitName,
} from '../rate-limiter.js';
import { acquireStreamScript, hitScript } from './redis-quota-scripts.js';

/** Options of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions extends RateLimiterConfig {
  redis: Redis;
  /** Prefix of every key. Default `cc:rl:`. */
  keyPrefix?: string;
  now?: () => number;
  logger?: Logger;
  /** Told of each failed Redis command (`redis-error`), for metrics. */
  instrumentation?: Instrumentation;
}

/**
 * A {@link RateLimiter} in Redis, shared by all server processes: one Lua script per check covering
 * the user, API key and tenant at once (or one client address). While Redis is unreachable it falls back to an in-process
 * limiter with the same limits (documented policy: request rates degrade to per-process limits rather
 * than refusing all traffic; spend budgets, which cost money, fail closed in the quota ledger).
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { redis } = options;
  const prefix = options.keyPrefix ?? 'cc:rl:';
  const now = options.now ?? Date.now;
  const ttl = options.streamLeaseTtlMs ?? 15 * 60_000;
  const fallback = createMemoryRateLimiter(options);
  // Slot keys: the subject key starts with the encoded tenant; the tag keeps a tenant on one cluster slot.
  const key = (kind: string, subject: string) => {
    const split = subject.indexOf(':');
    return `${prefix}{${subject.slice(0, split)}}${kind}${subject.slice(split)}`;
  };
  let degraded = false;
  const onRedisError = (what: string, error: unknown) => {
    options.instrumentation?.record({ type: 'redis-error', backend: 'rate-limiter' });
    if (!degraded)
      options.logger?.warn(`rate limiter: Redis unavailable, ${what} falls back to per-process limits`, {
        error: String(error),
      });
    degraded = true;
  };

  /** Checks and counts fixed windows in one script; Redis down → the in-process fallback decides. */
  async function count(
    checks: Array<{ key: string; max: number; scope: LimitScope }>,
    limit: RateLimitName | 'requestsPerMinute',
    fallbackCount: () => Promise<void>,
  ): Promise<void> {
    if (checks.length === 0) return;
    let result: [number, number];
    try {
      result = (await hitScript.run(
        redis,
        checks.map((c) => c.key),
        [...checks.map((c) => c.max), RATE_WINDOW_MS[limit]],
      )) as [number, number];
      degraded = false;
    } catch (error) {
      onRedisError('request rate', error);
      return fallbackCount();
    }
    if (result[0] > 0) {
      throw new QuotaError({
        code: 'rate_limited',
        limit,
        scope: checks[result[0] - 1]!.scope,
        retryAfterMs: result[1],
      });
    }
  }

  return {
    async hit(principal, limit = 'messagesPerMinute') {
      const subjects = planRateSubjects(principal, options).filter((s) => s[limit] !== undefined);
      const checks = subjects.map((s) => ({ key: key(`:${limit}`, s.key), max: s[limit]!, scope: s.scope }));
      await count(checks, limit, () => fallback.hit(principal, limit));
    },

    async hitAddress(address, perMinute) {
      const checks = [
        { key: key(':requestsPerMinute', addressSubjectKey(address)), max: perMinute, scope: 'address' as const },
      ];
      await count(checks, 'requestsPerMinute', () => fallback.hitAddress(address, perMinute));
    },

    async acquireStream(principal) {
      const subjects = planRateSubjects(principal, options).filter((s) => s.concurrentStreams !== undefined);
      if (subjects.length === 0) return { release: async () => {} };
      const at = now();
      const id = crypto.randomUUID();
      const keys = subjects.map((s) => key(':streams', s.key));
      let full: number;
      try {
        full = (await acquireStreamScript.run(redis, keys, [
          at,
          id,
          at + ttl,
          ...subjects.map((s) => s.concurrentStreams!),
        ])) as number;
        degraded = false;
      } catch (error) {
        onRedisError('concurrent streams', error);
        return fallback.acquireStream(principal);
      }
      if (full > 0) {
        const subject = subjects[full - 1]!;
        throw new QuotaError({
          code: 'rate_limited',
          limit: 'concurrentStreams',
          scope: subject.scope,
          retryAfterMs: 5_000,
        });
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          // If this fails the lease simply expires after streamLeaseTtlMs.
          await Promise.all(keys.map((k) => redis.zrem(k, id))).catch((error) => onRedisError('stream release', error));
        },
      };
    },
  };
}
