import type { Principal } from '../identity/principal.js';
import { encodeKeyPart, type QuotaConfig } from './plan-quota-counters.js';
import type { LimitScope } from './quota-error.js';
import { messagesPerMinuteOf, resolveTier, type TierLimits } from './tiers.js';

/** A held concurrent-stream slot. Release it when the stream ends, however it ends. */
export interface StreamLease {
  release(): Promise<void>;
}

/** The counted rates of a tier: what {@link RateLimiter.hit} counts. */
export type RateLimitName = 'messagesPerMinute' | 'uploadsPerHour';

/** Window length of each counted rate. */
export const RATE_WINDOW_MS: Record<RateLimitName | 'requestsPerMinute', number> = {
  messagesPerMinute: 60_000,
  uploadsPerHour: 3_600_000,
  requestsPerMinute: 60_000,
};

/**
 * Message and upload rates, a per-client-address request ceiling, and concurrent streams.
 * Implementations: memory (one process) and Redis (`@company-chat/core/redis`, falls back to memory
 * while Redis is down).
 */
export interface RateLimiter {
  /**
   * Counts one message (default) or upload against the principal's tier; throws `QuotaError`
   * (429 `rate_limited`, `limit` names the rate).
   */
  hit(principal: Principal, limit?: RateLimitName): Promise<void>;
  /**
   * Counts one request from a client address against a ceiling per minute, whoever is asking; throws
   * `QuotaError` (429 `rate_limited`, limit `requestsPerMinute`, scope `address`).
   */
  hitAddress(address: string, perMinute: number): Promise<void>;
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
  messagesPerMinute: number | undefined;
  uploadsPerHour: number | undefined;
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

/** The subject key of a client address; encoded, so no address can spell a user's or tenant's key. */
export function addressSubjectKey(address: string): string {
  return `~addr:${encodeKeyPart(address)}`;
}

function pick(limits: TierLimits) {
  return {
    messagesPerMinute: messagesPerMinuteOf(limits),
    uploadsPerHour: limits.uploadsPerHour,
    concurrentStreams: limits.concurrentStreams,
  };
}
