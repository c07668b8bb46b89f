import type { Principal } from '../identity/principal.js';
import type { LimitScope } from './quota-error.js';
import type { LimitName } from './tiers.js';

/** What an answer may cost at most: prompt tokens + `max_tokens`, priced (US dollars). */
export interface ReserveInput {
  principal: Principal;
  worstCaseTokens: number;
  worstCaseCost: number;
}

/** One budget counter a reservation holds an amount of. `amount` is tokens or micro-dollars. */
export interface ReservedCounter {
  key: string;
  metric: 'tokens' | 'cost';
  amount: number;
}

/** Budget held for one answer until it is settled (or its lease expires, if the process died). */
export interface Reservation {
  id: string;
  tenantId: string;
  /** Epoch ms after which an unsettled reservation is released automatically. */
  expiresAt: number;
  counters: ReservedCounter[];
}

/** What an answer really used (US dollars for cost). Zero for a failure before any token. */
export interface ActualUsage {
  tokens: number;
  cost: number;
}

/** One limit's state, for the widget's remaining-quota display and admin reports. */
export interface QuotaUsage {
  scope: LimitScope;
  limit: LimitName;
  /** Spent so far in the current window (tokens, or US dollars for `costPerMonth`). */
  used: number;
  /** Held by answers in flight. */
  reserved: number;
  /** The cap; `null` when the limit is not configured. */
  max: number | null;
  resetsAt: Date;
}

/**
 * Token and cost budgets with reservation semantics: `reserve()` holds the worst case before the
 * provider is called (all counters of the principal, atomically: all or nothing), `settle()` records
 * the real usage and releases the rest. Implementations: memory (one process) and Redis
 * (`@company-chat/core/redis`), both passing `quotaLedgerCases` (`@company-chat/testing/conformance`).
 */
export interface QuotaLedger {
  /** Holds the worst case or throws a `QuotaError` (429 `quota_exceeded`) naming the limit. */
  reserve(input: ReserveInput): Promise<Reservation>;
  /** Records real usage and releases the reservation. Settling twice is a no-op. */
  settle(reservation: Reservation, actual: ActualUsage): Promise<void>;
  /** The principal's limits in their current windows. */
  usage(principal: Principal): Promise<QuotaUsage[]>;
}

/** Micro-dollars: budgets are kept as integers so sums are exact in every backend. */
export const MICROS_PER_DOLLAR = 1_000_000;
