import { QuotaError } from './quota-error.js';
import { planRateSubjects, type RateLimiter, type RateLimiterConfig } from './rate-limiter.js';

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions extends RateLimiterConfig {
  now?: () => number;
}

const windowMs = 60_000;

/**
 * A {@link RateLimiter} in one process's memory: a fixed one-minute window per subject for request
 * rate, and a set of leases per subject for concurrent streams. Exact within one process.
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

  return {
    async hit(principal) {
      const at = now();
      prune(at);
      const subjects = planRateSubjects(principal, options).filter((s) => s.requestsPerMinute !== undefined);
      const current = subjects.map((subject) => {
        let window = windows.get(subject.key);
        if (!window || window.resetAt <= at) {
          window = { count: 0, resetAt: at + windowMs };
          windows.set(subject.key, window);
        }
        return window;
      });
      subjects.forEach((subject, i) => {
        const window = current[i]!;
        if (window.count >= subject.requestsPerMinute!) {
          throw new QuotaError({
            code: 'rate_limited',
            limit: 'requestsPerMinute',
            scope: subject.scope,
            retryAfterMs: window.resetAt - at,
          });
        }
      });
      for (const window of current) window.count++;
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
