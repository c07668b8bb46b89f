import type { Logger } from '../engine/logger.js';
import type { Principal } from '../identity/principal.js';
import type { TokenUsage } from '../providers/chat-model.js';
import { type Cost, costOf, DEFAULT_PRICES, type PriceTable } from './price-table.js';
import type { QuotaLedger, Reservation } from './quota-ledger.js';
import type { RateLimiter, StreamLease } from './rate-limiter.js';

/** Options of {@link createQuotaGuard}. Omit `ledger` or `rateLimiter` to switch that check off. */
export interface QuotaGuardOptions {
  ledger?: QuotaLedger;
  rateLimiter?: RateLimiter;
  prices?: PriceTable;
  logger?: Logger;
}

/** One answer about to be generated. */
export interface AdmitInput {
  principal: Principal;
  /** Provider model id, for pricing (e.g. `gpt-4o-mini`). */
  model: string;
  /** Upper bound of the prompt: the model's context window minus the output budget is always safe. */
  promptTokens: number;
  /** The `max_tokens` the provider is called with. */
  maxOutputTokens: number;
}

/** What the answer really used; `usage` is null when the provider reported none. */
export interface FinishInput {
  usage: TokenUsage | null;
  /** Characters streamed, for an estimate when `usage` is null (≈ 4 characters per token). */
  outputChars?: number;
  /**
   * Other model calls made for the answer (a follow-up question rewrite), each priced by its own model
   * and charged to the same budgets.
   */
  extra?: ReadonlyArray<{ model: string; usage: TokenUsage }>;
}

/** An admitted answer: holds a stream slot and the worst-case budget until {@link Admission.finish}. */
export interface Admission {
  readonly reservation: Reservation | null;
  /**
   * Settles the budget with real (or estimated) usage and frees the stream slot. Idempotent. Returns the
   * answer's own usage and cost; the budgets are charged that plus {@link FinishInput.extra}.
   */
  finish(input: FinishInput): Promise<{ usage: TokenUsage; cost: Cost }>;
}

/** Admission control for answers: concurrent streams and token/cost budgets together. */
export interface QuotaGuard {
  /** Throws `QuotaError` (429) when a limit is reached, 503 `quota_unavailable` when budgets cannot be checked. */
  admit(input: AdmitInput): Promise<Admission>;
}

/**
 * Puts the quota steps of an answer in the right order: take a stream slot, reserve the worst case
 * (prompt + `max_tokens`, priced), and after the stream ends however it ends, settle with the real
 * usage and release the slot.
 *
 * @example
 * ```ts
 * const guard = createQuotaGuard({ ledger, rateLimiter, prices });
 * const admission = await guard.admit({ principal, model: 'gpt-4o-mini', promptTokens: 6000, maxOutputTokens: 2048 });
 * try { ... stream ... } finally { await admission.finish({ usage }); }
 * ```
 */
export function createQuotaGuard(options: QuotaGuardOptions): QuotaGuard {
  const prices = options.prices ?? DEFAULT_PRICES;
  return {
    async admit({ principal, model, promptTokens, maxOutputTokens }) {
      const worst = { inputTokens: Math.ceil(promptTokens), outputTokens: Math.ceil(maxOutputTokens) };
      // The stream slot and the budget are checked at once (with Redis: two round trips in parallel, not
      // one after the other); whichever is granted is given back when the other is refused.
      const [slot, hold] = await Promise.allSettled([
        options.rateLimiter ? options.rateLimiter.acquireStream(principal) : Promise.resolve(null),
        options.ledger
          ? options.ledger.reserve({
              principal,
              worstCaseTokens: worst.inputTokens + worst.outputTokens,
              worstCaseCost: costOf(worst, model, prices).totalCost,
            })
          : Promise.resolve(null),
      ]);
      if (slot.status === 'rejected' || hold.status === 'rejected') {
        if (slot.status === 'fulfilled') await slot.value?.release().catch(() => {});
        if (hold.status === 'fulfilled' && hold.value) {
          await options.ledger?.settle(hold.value, { tokens: 0, cost: 0 }).catch(() => {});
        }
        throw slot.status === 'rejected' ? slot.reason : (hold as PromiseRejectedResult).reason;
      }
      const lease: StreamLease | null = slot.value;
      const reservation: Reservation | null = hold.value;
      let finished: Promise<{ usage: TokenUsage; cost: Cost }> | undefined;
      return {
        reservation,
        finish(input) {
          finished ??= (async () => {
            const usage = input.usage ?? estimateUsage(promptTokens, input.outputChars ?? 0);
            const cost = costOf(usage, model, prices);
            const extra = input.extra ?? [];
            const tokens = extra.reduce((sum, call) => sum + call.usage.totalTokens, usage.totalTokens);
            const charged = extra.reduce(
              (sum, call) => sum + costOf(call.usage, call.model, prices).totalCost,
              cost.totalCost,
            );
            try {
              if (reservation) await options.ledger?.settle(reservation, { tokens, cost: charged });
            } catch (error) {
              options.logger?.error('quota settle failed', { error: String(error) });
            } finally {
              await lease?.release();
            }
            return { usage, cost };
          })();
          return finished;
        },
      };
    },
  };
}

/**
 * Without reported usage, charge the prompt bound in full and the streamed text at ~4 characters per
 * token: over-charging is the safe side of a budget.
 */
function estimateUsage(promptTokens: number, outputChars: number): TokenUsage {
  const inputTokens = Math.ceil(promptTokens);
  const outputTokens = Math.ceil(outputChars / 4);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
