import type { Principal } from '../identity/principal.js';
import type { LimitScope } from './quota-error.js';
import { MICROS_PER_DOLLAR } from './quota-ledger.js';
import { type LimitName, resolveTier, type TierLimits, type Tiers } from './tiers.js';

/** Configuration shared by every ledger backend. */
export interface QuotaConfig {
  tiers: Tiers;
  /** Tier used for unknown tier names. Default `free`. */
  fallbackTier?: string;
  /** Budgets of a whole tenant, on top of its users' (e.g. from a contract). */
  tenantLimits?: (tenantId: string) => TierLimits | undefined;
  /** How long a reservation may stay unsettled before it is released (crash safety). Default 15 min. */
  reservationTtlMs?: number;
}

/** One budget counter as a backend sees it: a key, a metric, a cap and when its window resets. */
export interface PlannedCounter {
  key: string;
  scope: LimitScope;
  limit: LimitName;
  metric: 'tokens' | 'cost';
  /** Cap in tokens or micro-dollars, or `null` when not configured (counted, not enforced). */
  max: number | null;
  resetAt: number;
}

const budgetLimits = [
  ['tokensPerDay', 'tokens', 'day'],
  ['tokensPerMonth', 'tokens', 'month'],
  ['costPerMonth', 'cost', 'month'],
] as const;

/** Encodes ids so `:`, `{` and `}` in them cannot forge another key or Redis hash tag. */
export const encodeKeyPart = (value: string) => encodeURIComponent(value);

/**
 * The budget counters that apply to a principal now: per user, per API key (when it used one) and per
 * tenant (when tenant limits are configured), each for the current UTC day and month. Keys come only
 * from the authenticated principal, never from request headers.
 */
export function planQuotaCounters(principal: Principal, config: QuotaConfig, now: number): PlannedCounter[] {
  const limits = resolveTier(config.tiers, principal.tier, config.fallbackTier);
  const subjects: Array<[LimitScope, string, TierLimits]> = [['user', `u:${encodeKeyPart(principal.userId)}`, limits]];
  if (principal.keyId !== undefined) subjects.push(['apiKey', `k:${encodeKeyPart(principal.keyId)}`, limits]);
  const tenant = config.tenantLimits?.(principal.tenantId);
  if (tenant !== undefined) subjects.push(['tenant', 't', tenant]);
  const date = new Date(now);
  const day = date.toISOString().slice(0, 10);
  const month = day.slice(0, 7);
  const nextDay = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
  const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  const counters: PlannedCounter[] = [];
  for (const [scope, subject, subjectLimits] of subjects) {
    for (const [limit, metric, window] of budgetLimits) {
      const cap = subjectLimits[limit];
      counters.push({
        key: `${subject}:${limit}:${window === 'day' ? day : month}`,
        scope,
        limit,
        metric,
        max: cap === undefined ? null : metric === 'cost' ? Math.floor(cap * MICROS_PER_DOLLAR) : Math.floor(cap),
        resetAt: window === 'day' ? nextDay : nextMonth,
      });
    }
  }
  return counters;
}

/** Worst-case amounts in counter units (tokens; cost rounded up to whole micro-dollars). */
export function reserveAmounts(worstCaseTokens: number, worstCaseCost: number): { tokens: number; cost: number } {
  if (!(worstCaseTokens >= 0) || !(worstCaseCost >= 0)) throw new RangeError('worst-case tokens and cost must be ≥ 0');
  return { tokens: Math.ceil(worstCaseTokens), cost: Math.ceil(worstCaseCost * MICROS_PER_DOLLAR) };
}

/** Actual amounts in counter units. */
export function actualAmounts(tokens: number, cost: number): { tokens: number; cost: number } {
  return { tokens: Math.max(0, Math.round(tokens)), cost: Math.max(0, Math.round(cost * MICROS_PER_DOLLAR)) };
}

/** How long to wait when a counter is full: until its window resets, or briefly when only answers in flight fill it. */
export function retryAfterFor(counter: PlannedCounter, spent: number, amount: number, now: number): number {
  const untilReset = counter.resetAt - now;
  // In-flight reservations settle within seconds to minutes; a spent budget only frees up at reset.
  return counter.max !== null && spent + amount > counter.max ? untilReset : Math.min(untilReset, 5_000);
}
