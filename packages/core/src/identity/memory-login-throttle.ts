import {
  ADDRESS_WINDOW_MS,
  addressKey,
  type LoginThrottle,
  type LoginThrottleOptions,
  loginBackoffMs,
  loginThrottleKeys,
  loginThrottleSettings,
} from './login-throttle.js';

interface Failures {
  count: number;
  lockedUntil: number;
  expiresAt: number;
}

/**
 * A {@link LoginThrottle} in one process's memory: exact within the process, so with several server
 * instances each counts on its own (use the Redis one there).
 *
 * @example
 * ```ts
 * const app = createChatApp({ engine, auth: { accounts, loginThrottle: createMemoryLoginThrottle() } });
 * ```
 */
export function createMemoryLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const now = options.now ?? Date.now;
  const settings = loginThrottleSettings(options);
  const failures = new Map<string, Failures>();
  const good = new Map<string, number>();
  const windows = new Map<string, { count: number; resetAt: number }>();
  let operations = 0;

  function prune(at: number) {
    if (++operations % 1000 !== 0) return;
    for (const [key, entry] of failures) if (entry.expiresAt <= at) failures.delete(key);
    for (const [key, expiresAt] of good) if (expiresAt <= at) good.delete(key);
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
  }
  const current = (key: string, at: number): Failures => {
    const entry = failures.get(key);
    return entry && entry.expiresAt > at ? entry : { count: 0, lockedUntil: 0, expiresAt: 0 };
  };
  const fail = (key: string, entry: Failures, threshold: number, at: number) => {
    entry.count++;
    if (entry.count >= threshold) entry.lockedUntil = at + loginBackoffMs(settings, entry.count - threshold);
    entry.expiresAt = at + settings.failureTtlMs;
    failures.set(key, entry);
  };

  return {
    async attempt(attempt) {
      const keys = await loginThrottleKeys(attempt);
      const at = now();
      prune(at);
      const pairKey = `${keys.account}:p:${keys.address}`;
      const accountKey = `${keys.account}:a`;
      const pair = current(pairKey, at);
      if (pair.lockedUntil > at) return { allowed: false, retryAfterMs: pair.lockedUntil - at, reason: 'address' };
      const isGood = (good.get(`${keys.account}:g:${keys.address}`) ?? 0) > at;
      const account = current(accountKey, at);
      if (!isGood && account.lockedUntil > at) {
        return { allowed: false, retryAfterMs: account.lockedUntil - at, reason: 'account' };
      }
      fail(pairKey, pair, settings.addressFailures, at);
      fail(accountKey, account, settings.accountFailures, at);
      return { allowed: true };
    },

    async succeeded(attempt) {
      const keys = await loginThrottleKeys(attempt);
      const at = now();
      failures.delete(`${keys.account}:p:${keys.address}`);
      const account = failures.get(`${keys.account}:a`);
      if (account) {
        // Undo this attempt's own count; a lock others caused stays.
        account.count = Math.max(0, account.count - 1);
        if (account.count < settings.accountFailures) account.lockedUntil = 0;
      }
      if (keys.knownAddress) good.set(`${keys.account}:g:${keys.address}`, at + settings.goodAddressTtlMs);
    },

    async hitAddress(bucket, address, perMinute) {
      const key = `${bucket}:${await addressKey(address)}`;
      const at = now();
      prune(at);
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { count: 0, resetAt: (Math.floor(at / ADDRESS_WINDOW_MS) + 1) * ADDRESS_WINDOW_MS };
        windows.set(key, window);
      }
      window.count++;
      if (window.count > perMinute) return { allowed: false, retryAfterMs: window.resetAt - at, reason: 'rate' };
      return { allowed: true };
    },
  };
}
