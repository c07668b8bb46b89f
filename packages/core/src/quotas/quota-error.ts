import { CompanyChatError } from '../errors/company-chat-error.js';
import type { LimitName } from './tiers.js';

/** Who a limit belongs to: a user, an API key, a tenant, or a client address (the abuse ceiling). */
export type LimitScope = 'user' | 'apiKey' | 'tenant' | 'address';

/**
 * A 429: a budget (`quota_exceeded`) or a rate (`rate_limited`) is used up. The server sends
 * `Retry-After: ceil(retryAfterMs / 1000)`; the body names the limit so the widget can explain it.
 */
export class QuotaError extends CompanyChatError {
  readonly limit: LimitName;
  readonly scope: LimitScope;
  declare readonly retryAfterMs: number;

  constructor(options: {
    code: 'quota_exceeded' | 'rate_limited';
    limit: LimitName;
    scope: LimitScope;
    retryAfterMs: number;
  }) {
    const what = options.code === 'rate_limited' ? 'Too many requests' : 'Quota used up';
    super({
      code: options.code,
      message: `${what}: ${options.scope} limit ${options.limit} reached. Try again in ${Math.ceil(options.retryAfterMs / 1000)} s.`,
      isRetryable: true,
      retryAfterMs: options.retryAfterMs,
    });
    this.name = 'QuotaError';
    this.limit = options.limit;
    this.scope = options.scope;
  }

  /** Seconds for the `Retry-After` header (at least 1). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }

  override toJSON(): {
    code: CompanyChatError['code'];
    message: string;
    limit: LimitName;
    scope: LimitScope;
    retryAfterMs: number;
  } {
    return { ...super.toJSON(), limit: this.limit, scope: this.scope, retryAfterMs: this.retryAfterMs };
  }
}

/** 503 when the quota store cannot be reached: spend budgets fail closed. */
export function quotaUnavailable(cause: unknown): CompanyChatError {
  return new CompanyChatError({
    code: 'quota_unavailable',
    message: 'Usage limits cannot be checked right now. Try again shortly.',
    isRetryable: true,
    cause,
  });
}
