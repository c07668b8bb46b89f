import type { PriceTable, QuotaLedger, RateLimiter, Tiers } from '@company-chat/core';
import type { MeteringOptions } from './metered-engine.js';

/** Quota options of `createChatApp()`. Each part is optional; absent parts are not enforced. */
export interface ChatAppQuotaOptions {
  /**
   * The tiers the ledger and rate limiter were created with (the same object): the admin API reads and
   * updates it in place, so changes apply at once (to this instance; persist them in configuration).
   */
  tiers?: Tiers;
  /** Token and cost budgets (`createMemoryQuotaLedger()`, or the Redis one for several instances). */
  ledger?: QuotaLedger;
  /** Requests per minute (every API request) and concurrent streams (answers). */
  rateLimiter?: RateLimiter;
  /** Prices per model (defaults plus overrides: `createPriceTable()`). */
  prices?: PriceTable;
  /** Worst case reserved per answer. Default: 7,168 prompt + 1,024 output tokens. */
  worstCase?: MeteringOptions['worstCase'];
  /** How often open streams re-check their key and user. Default 5 s. */
  recheckMs?: number;
}
