import type { Redis } from 'ioredis';
import type { Logger } from '../../engine/logger.js';
import type { Instrumentation } from '../../telemetry/instrumentation.js';
import {
  actualAmounts,
  encodeKeyPart,
  planQuotaCounters,
  type QuotaConfig,
  reserveAmounts,
  retryAfterFor,
} from '../plan-quota-counters.js';
import { QuotaError, quotaUnavailable } from '../quota-error.js';
import { MICROS_PER_DOLLAR, type QuotaLedger, type Reservation } from '../quota-ledger.js';
import { reserveScript, settleScript } from './redis-quota-scripts.js';

/** Options of {@link createRedisQuotaLedger}. */
export interface RedisQuotaLedgerOptions extends QuotaConfig {
  /** An ioredis client; {@link connectRedis} makes one with fail-fast settings. */
  redis: Redis;
  /** Prefix of every key. Default `cc:q:`. */
  keyPrefix?: string;
  now?: () => number;
  logger?: Logger;
  /** Told of each failed Redis command (`redis-error`), for metrics. */
  instrumentation?: Instrumentation;
}

const dayMs = 86_400_000;

/**
 * A {@link QuotaLedger} in Redis, shared by any number of server processes. Each reserve and settle is
 * one Lua script (one round trip, atomic across the user, API key and tenant counters).
 *
 * When Redis is unreachable, spend budgets fail closed: `reserve()` throws 503 `quota_unavailable`
 * rather than letting spend run unchecked. (Request rates fall back to memory instead; see
 * `createRedisRateLimiter`.)
 */
export function createRedisQuotaLedger(options: RedisQuotaLedgerOptions): QuotaLedger {
  const { redis } = options;
  const prefix = options.keyPrefix ?? 'cc:q:';
  const now = options.now ?? Date.now;
  const ttl = options.reservationTtlMs ?? 15 * 60_000;
  const tenantBase = (tenantId: string) => `${prefix}{${encodeKeyPart(tenantId)}}:`;

  return {
    async reserve({ principal, worstCaseTokens, worstCaseCost }) {
      const at = now();
      const amounts = reserveAmounts(worstCaseTokens, worstCaseCost);
      const planned = planQuotaCounters(principal, options, at);
      const base = tenantBase(principal.tenantId);
      const reservation: Reservation = {
        id: crypto.randomUUID(),
        tenantId: principal.tenantId,
        expiresAt: at + ttl,
        counters: planned.map((plan) => ({
          key: `${base}c:${plan.key}`,
          metric: plan.metric,
          amount: amounts[plan.metric],
        })),
      };
      const record = JSON.stringify({
        a: 1,
        c: reservation.counters.map((c, i) => [
          c.key,
          c.metric === 'tokens' ? 't' : 'c',
          String(c.amount),
          String(planned[i]!.resetAt + 2 * dayMs),
        ]),
      });
      const args: Array<string | number> = [
        at,
        reservation.id,
        reservation.expiresAt,
        ttl + dayMs,
        `${base}r:`,
        record,
      ];
      planned.forEach((plan, i) => {
        args.push(reservation.counters[i]!.amount, plan.max ?? -1, plan.resetAt + 2 * dayMs);
      });
      let result: [number, number];
      try {
        result = (await reserveScript.run(
          redis,
          [`${base}rx`, `${base}r:${reservation.id}`, ...reservation.counters.map((c) => c.key)],
          args,
        )) as [number, number];
      } catch (error) {
        options.instrumentation?.record({ type: 'redis-error', backend: 'quota-ledger' });
        options.logger?.error('quota reserve failed: Redis unavailable, denying (fail closed)', {
          error: String(error),
        });
        throw quotaUnavailable(error);
      }
      const [full, spent] = result;
      if (full > 0) {
        const plan = planned[full - 1]!;
        throw new QuotaError({
          code: 'quota_exceeded',
          limit: plan.limit,
          scope: plan.scope,
          retryAfterMs: retryAfterFor(plan, Number(spent), amounts[plan.metric], at),
        });
      }
      return reservation;
    },

    async settle(reservation, actual) {
      const amounts = actualAmounts(actual.tokens, actual.cost);
      const base = tenantBase(reservation.tenantId);
      try {
        await settleScript.run(
          redis,
          [`${base}rx`, `${base}r:${reservation.id}`],
          [reservation.id, amounts.tokens, amounts.cost, now()],
        );
      } catch (error) {
        // The reservation's lease releases the hold eventually; the spend of this answer is lost to the
        // budget (it is still in the usage records), so say so loudly.
        options.instrumentation?.record({ type: 'redis-error', backend: 'quota-ledger' });
        options.logger?.error('quota settle failed: Redis unavailable', {
          reservation: reservation.id,
          error: String(error),
        });
        throw quotaUnavailable(error);
      }
    },

    async usage(principal) {
      const at = now();
      const planned = planQuotaCounters(principal, options, at);
      const base = tenantBase(principal.tenantId);
      const pipeline = redis.pipeline();
      for (const plan of planned) pipeline.hmget(`${base}c:${plan.key}`, 's', 'r');
      let replies: Array<[Error | null, unknown]> | null;
      try {
        replies = await pipeline.exec();
      } catch (error) {
        throw quotaUnavailable(error);
      }
      return planned.map((plan, i) => {
        const [error, values] = replies?.[i] ?? [null, [null, null]];
        if (error) throw quotaUnavailable(error);
        const [spent, reserved] = values as [string | null, string | null];
        const scale = plan.metric === 'cost' ? MICROS_PER_DOLLAR : 1;
        return {
          scope: plan.scope,
          limit: plan.limit,
          used: Number(spent ?? 0) / scale,
          reserved: Number(reserved ?? 0) / scale,
          max: plan.max === null ? null : plan.max / scale,
          resetsAt: new Date(plan.resetAt),
        };
      });
    },
  };
}
