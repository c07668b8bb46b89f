import { sha256Hex } from './sha256-hex.js';

/** One sign-in attempt: whose account, from where. */
export interface LoginAttempt {
  tenantId: string;
  /** As typed; compared trimmed and lowercased. Unknown emails are throttled exactly like known ones. */
  email: string;
  /** The client's address (see the server's `trustProxy`); `undefined` when the runtime cannot tell. */
  address: string | undefined;
}

/**
 * What a throttle says about a request: go ahead, or wait `retryAfterMs`. `reason` says which limit:
 * `address` (this account from this address), `account` (this account from addresses it never signed in
 * from) or `rate` (requests from this address to the routes that need no credentials).
 */
export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; reason: 'address' | 'account' | 'rate' };

/**
 * Throttles the routes that answer without credentials. Sign-ins back off exponentially per account
 * and address, and per account from everywhere, except that an address the account recently signed in
 * from skips the account-wide back-off: a password guesser elsewhere cannot lock the real user out of
 * their usual address. Implementations: memory (one process) and Redis (`@company-chat/core/redis`,
 * shared by all instances); both pass one conformance suite.
 */
export interface LoginThrottle {
  /**
   * Counts an attempt before the password is checked (so concurrent guesses cannot all slip through
   * before the first failure is recorded). When refused, the password must not be checked at all.
   */
  attempt(attempt: LoginAttempt): Promise<ThrottleVerdict>;
  /** The password was right: forgives this address its failures and remembers it as a good address. */
  succeeded(attempt: LoginAttempt): Promise<void>;
  /** Counts one request from `address` to the routes in `bucket`; refused above `perMinute` a minute. */
  hitAddress(bucket: string, address: string, perMinute: number): Promise<ThrottleVerdict>;
}

/** Options shared by the {@link LoginThrottle} implementations. */
export interface LoginThrottleOptions {
  /** Wrong passwords for one account from one address before back-off starts. Default 5. */
  addressFailures?: number;
  /**
   * Wrong passwords for one account from all addresses together before addresses it has not signed in
   * from back off. Default 20.
   */
  accountFailures?: number;
  /** First back-off; it doubles with every further failure. Default 1 s. */
  baseDelayMs?: number;
  /** Longest back-off. Default 15 min. */
  maxDelayMs?: number;
  /** Failures are forgotten this long after the last attempt (at least `maxDelayMs`). Default 1 h. */
  failureTtlMs?: number;
  /** How long an address stays good after a successful sign-in from it. Default 30 days. */
  goodAddressTtlMs?: number;
  now?: () => number;
}

/** {@link LoginThrottleOptions} with every default applied. */
export type LoginThrottleSettings = Required<Omit<LoginThrottleOptions, 'now'>>;

/** Applies the defaults of {@link LoginThrottleOptions}. */
export function loginThrottleSettings(options: LoginThrottleOptions): LoginThrottleSettings {
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  return {
    addressFailures: options.addressFailures ?? 5,
    accountFailures: options.accountFailures ?? 20,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs,
    failureTtlMs: Math.max(options.failureTtlMs ?? 60 * 60_000, maxDelayMs),
    goodAddressTtlMs: options.goodAddressTtlMs ?? 30 * 24 * 60 * 60_000,
  };
}

/** Back-off after `excess` failures beyond the threshold: base × 2^excess, at most `maxDelayMs`. */
export function loginBackoffMs(settings: LoginThrottleSettings, excess: number): number {
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(excess, 40));
}

/** Width of the fixed window of {@link LoginThrottle.hitAddress}. */
export const ADDRESS_WINDOW_MS = 60_000;

/**
 * Opaque keys of an attempt: the account (tenant + normalised email) and the address, hashed so the
 * store holds no email addresses. An unknown address gets its own key and is never remembered as good.
 */
export async function loginThrottleKeys(
  attempt: LoginAttempt,
): Promise<{ account: string; address: string; knownAddress: boolean }> {
  const email = attempt.email.trim().toLowerCase();
  const [account, address] = await Promise.all([
    sha256Hex(`${attempt.tenantId}\n${email}`),
    sha256Hex(attempt.address ?? 'unknown address'),
  ]);
  return { account: account.slice(0, 32), address: address.slice(0, 32), knownAddress: attempt.address !== undefined };
}

/** The hashed key of an address for {@link LoginThrottle.hitAddress}. */
export async function addressKey(address: string): Promise<string> {
  return (await sha256Hex(address)).slice(0, 32);
}
