import type { Principal } from '../identity/principal.js';
import { encodeKeyPart, type QuotaConfig } from './plan-quota-counters.js';
import type { LimitScope } from './quota-error.js';
import { resolveTier } from './tiers.js';

/** A held concurrent-stream slot. Release it when the stream ends, however it ends. */
export interface StreamLease {
  release(): Promise<void>;
}

/**
 * Request rates and concurrent streams. Implementations: memory (one process) and Redis
 * (`@company-chat/core/redis`, falls back to memory while Redis is down).
 */
export interface RateLimiter {
  /** Counts one request against `requestsPerMinute`; throws `QuotaError` (429 `rate_limited`). */
  hit(principal: Principal): Promise<void>;
  /** Takes a slot of `concurrentStreams`; throws `QuotaError` (429 `rate_limited`). */
  acquireStream(principal: Principal): Promise<StreamLease>;
}

/** Options shared by rate limiter backends. */
export interface RateLimiterConfig extends Pick<QuotaConfig, 'tiers' | 'fallbackTier' | 'tenantLimits'> {
  /** A stream slot not released within this time is freed (crashed process). Default 15 min. */
  streamLeaseTtlMs?: number;
}

/** One rate subject: who is limited, and the caps that apply. */
export interface RateSubject {
  scope: LimitScope;
  key: string;
  requestsPerMinute: number | undefined;
  concurrentStreams: number | undefined;
}

/** The subjects limited for a principal: user, API key (if any) and tenant (if configured). */
export function planRateSubjects(principal: Principal, config: RateLimiterConfig): RateSubject[] {
  const limits = resolveTier(config.tiers, principal.tier, config.fallbackTier);
  const tenant = encodeKeyPart(principal.tenantId);
  const subjects: RateSubject[] = [
    { scope: 'user', key: `${tenant}:u:${encodeKeyPart(principal.userId)}`, ...pick(limits) },
  ];
  if (principal.keyId !== undefined) {
    subjects.push({ scope: 'apiKey', key: `${tenant}:k:${encodeKeyPart(principal.keyId)}`, ...pick(limits) });
  }
  const tenantLimits = config.tenantLimits?.(principal.tenantId);
  if (tenantLimits !== undefined) subjects.push({ scope: 'tenant', key: `${tenant}:t`, ...pick(tenantLimits) });
  return subjects;
}

function pick(limits: { requestsPerMinute?: number; concurrentStreams?: number }) {
  return { requestsPerMinute: limits.requestsPerMinute, concurrentStreams: limits.concurrentStreams };
}
