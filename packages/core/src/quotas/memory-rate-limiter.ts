import type { LimitScope } from './quota-error.js';
import { QuotaError } from './quota-error.js';
import {
  addressSubjectKey,
  planRateSubjects,
  RATE_WINDOW_MS,
  type RateLimiter,
  type RateLimiterConfig,
} from './rate-limiter.js';
import type { LimitName } from './tiers.js';

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions extends RateLimiterConfig {
  now?: () => number;
}

/** One fixed-window counter to check: its key, cap, window and what to report when it is full. */
interface WindowCheck {
  key: string;
  max: number;
  windowMs: number;
  limit: LimitName;
  scope: LimitScope;
}

/**
 * A {@link RateLimiter} in one process's memory: fixed windows per subject and rate (one minute for
 * messages and the address ceiling, one hour for uploads), and a set of leases per subject for
 * concurrent streams. Exact within one process.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const ttl = options.streamLeaseTtlMs ?? 15 * 60_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  const streams = new Map<string, Map<string, number>>();
  let operations = 0;

  function prune(at: number) {
    if (++operations % 1000 !== 0) return;
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
    for (const [key, leases] of streams) if (leases.size === 0) streams.delete(key);
  }

  /** All windows are checked before any is counted, so a refused request counts nowhere. */
  function count(checks: WindowCheck[]) {
    const at = now();
    prune(at);
    const current = checks.map((check) => {
      let window = windows.get(check.key);
      if (!window || window.resetAt <= at) {
        window = { count: 0, resetAt: at + check.windowMs };
        windows.set(check.key, window);
      }
      return window;
    });
    checks.forEach((check, i) => {
      const window = current[i]!;
      if (window.count >= check.max) {
        throw new QuotaError({
          code: 'rate_limited',
          limit: check.limit,
          scope: check.scope,
          retryAfterMs: window.resetAt - at,
        });
      }
    });
    for (const window of current) window.count++;
  }

  return {
    async hit(principal, limit = 'messagesPerMinute') {
      count(
        planRateSubjects(principal, options).flatMap((subject) => {
          const max = subject[limit];
          return max === undefined
            ? []
            : [{ key: `${subject.key}:${limit}`, max, windowMs: RATE_WINDOW_MS[limit], limit, scope: subject.scope }];
        }),
      );
    },

    async hitAddress(address, perMinute) {
      count([
        {
          key: `${addressSubjectKey(address)}:requestsPerMinute`,
          max: perMinute,
          windowMs: RATE_WINDOW_MS.requestsPerMinute,
          limit: 'requestsPerMinute',
          scope: 'address',
        },
      ]);
    },

    async acquireStream(principal) {
      const at = now();
      prune(at);
      const subjects = planRateSubjects(principal, options).filter((s) => s.concurrentStreams !== undefined);
      const sets = subjects.map((subject) => {
        let leases = streams.get(subject.key);
        if (!leases) {
          leases = new Map();
          streams.set(subject.key, leases);
        }
        for (const [id, expiresAt] of leases) if (expiresAt <= at) leases.delete(id);
        return leases;
      });
      subjects.forEach((subject, i) => {
        const leases = sets[i]!;
        if (leases.size >= subject.concurrentStreams!) {
          // The soonest a slot frees up for sure is when the oldest lease expires; usually much sooner.
          const retryAfterMs = Math.min(5_000, Math.min(...leases.values()) - at);
          throw new QuotaError({
            code: 'rate_limited',
            limit: 'concurrentStreams',
            scope: subject.scope,
            retryAfterMs,
          });
        }
      });
      const id = crypto.randomUUID();
      for (const leases of sets) leases.set(id, at + ttl);
      return {
        async release() {
          for (const leases of sets) leases.delete(id);
        },
      };
    },
  };
}
