import type { Principal } from '../identity/principal.js';
import {
  actualAmounts,
  encodeKeyPart,
  type PlannedCounter,
  planQuotaCounters,
  type QuotaConfig,
  reserveAmounts,
  retryAfterFor,
} from './plan-quota-counters.js';
import { QuotaError } from './quota-error.js';
import { MICROS_PER_DOLLAR, type QuotaLedger, type Reservation } from './quota-ledger.js';

interface Counter {
  spent: number;
  reserved: number;
  resetAt: number;
}

/** Options of {@link createMemoryQuotaLedger}. */
export interface MemoryQuotaLedgerOptions extends QuotaConfig {
  now?: () => number;
}

/**
 * A {@link QuotaLedger} in one process's memory. Every operation runs synchronously between awaits, so
 * it is exact under any number of concurrent requests in this process (not across processes: use the
 * Redis ledger for several server instances).
 */
export function createMemoryQuotaLedger(options: MemoryQuotaLedgerOptions): QuotaLedger {
  const now = options.now ?? Date.now;
  const ttl = options.reservationTtlMs ?? 15 * 60_000;
  const counters = new Map<string, Counter>();
  const reservations = new Map<string, { reservation: Reservation; active: boolean }>();
  let operations = 0;

  const fullKey = (tenantId: string, counter: PlannedCounter) => `${encodeKeyPart(tenantId)}/${counter.key}`;
  const counterFor = (key: string, resetAt: number) => {
    let counter = counters.get(key);
    if (!counter) {
      counter = { spent: 0, reserved: 0, resetAt };
      counters.set(key, counter);
    }
    return counter;
  };

  function sweep(at: number): void {
    for (const entry of reservations.values()) {
      if (!entry.active || entry.reservation.expiresAt > at) continue;
      // The answer never settled (crash, bug): give its budget back, keep the record for a late settle.
      for (const held of entry.reservation.counters) {
        const counter = counters.get(held.key);
        if (counter) counter.reserved -= held.amount;
      }
      entry.active = false;
    }
    // Windows that have ended will never be read again.
    if (++operations % 1000 === 0) {
      for (const [key, counter] of counters) if (counter.resetAt <= at && counter.reserved <= 0) counters.delete(key);
      for (const [id, entry] of reservations)
        if (!entry.active && entry.reservation.expiresAt + 86_400_000 <= at) reservations.delete(id);
    }
  }

  return {
    async reserve({ principal, worstCaseTokens, worstCaseCost }) {
      const at = now();
      sweep(at);
      const amounts = reserveAmounts(worstCaseTokens, worstCaseCost);
      const planned = planQuotaCounters(principal, options, at);
      for (const plan of planned) {
        const counter = counters.get(fullKey(principal.tenantId, plan));
        const spent = counter?.spent ?? 0;
        const amount = amounts[plan.metric];
        if (plan.max !== null && spent + (counter?.reserved ?? 0) + amount > plan.max) {
          throw new QuotaError({
            code: 'quota_exceeded',
            limit: plan.limit,
            scope: plan.scope,
            retryAfterMs: retryAfterFor(plan, spent, amount, at),
          });
        }
      }
      const reservation: Reservation = {
        id: crypto.randomUUID(),
        tenantId: principal.tenantId,
        expiresAt: at + ttl,
        counters: planned.map((plan) => ({
          key: fullKey(principal.tenantId, plan),
          metric: plan.metric,
          amount: amounts[plan.metric],
        })),
      };
      planned.forEach((plan, i) => {
        counterFor(reservation.counters[i]!.key, plan.resetAt).reserved += reservation.counters[i]!.amount;
      });
      reservations.set(reservation.id, { reservation, active: true });
      return structuredClone(reservation);
    },

    async settle(reservation, actual) {
      const entry = reservations.get(reservation.id);
      if (!entry) return; // already settled
      reservations.delete(reservation.id);
      const amounts = actualAmounts(actual.tokens, actual.cost);
      for (const held of entry.reservation.counters) {
        const counter = counters.get(held.key);
        if (!counter) continue;
        if (entry.active) counter.reserved -= held.amount;
        counter.spent += amounts[held.metric];
      }
    },

    async usage(principal: Principal) {
      const at = now();
      sweep(at);
      return planQuotaCounters(principal, options, at).map((plan) => {
        const counter = counters.get(fullKey(principal.tenantId, plan));
        const scale = plan.metric === 'cost' ? MICROS_PER_DOLLAR : 1;
        return {
          scope: plan.scope,
          limit: plan.limit,
          used: (counter?.spent ?? 0) / scale,
          reserved: (counter?.reserved ?? 0) / scale,
          max: plan.max === null ? null : plan.max / scale,
          resetsAt: new Date(plan.resetAt),
        };
      });
    },
  };
}
