import type { PriceTable, QuotaLedger, RateLimiter, Tiers } from '@company-chat/core';
import type { MeteringOptions } from './metered-engine.js';

/**
 * Default ceiling of API requests per minute from one client address: far above what people do (the
 * widget makes about five requests per page load and four per message), yet it stops a flood. Many
 * users behind one NAT or proxy share an address: raise it, or name the client with `clientAddress`.
 */
export const DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS = 1000;

/** Quota options of `createChatApp()`. Each part is optional; absent parts are not enforced. */
export interface ChatAppQuotaOptions {
  /**
   * The tiers the ledger and rate limiter were created with (the same object): the admin API reads and
   * updates it in place, so changes apply at once (to this instance; persist them in configuration).
   */
  tiers?: Tiers;
  /** Token and cost budgets (`createMemoryQuotaLedger()`, or the Redis one for several instances). */
  ledger?: QuotaLedger;
  /**
   * Counts messages per minute (sends, regenerate, edit), uploads per hour, the per-address request
   * ceiling, and concurrent streams (answers).
   */
  rateLimiter?: RateLimiter;
  /**
   * Requests per minute from one client address, whoever sends them, to stop floods (needs
   * `rateLimiter`). Default {@link DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS}; 0 turns it off.
   */
  requestsPerMinutePerAddress?: number;
  /** Prices per model (defaults plus overrides: `createPriceTable()`). */
  prices?: PriceTable;
  /** Worst case reserved per answer. Default: 7,168 prompt + 1,024 output tokens. */
  worstCase?: MeteringOptions['worstCase'];
  /** How often open streams re-check their key and user. Default 5 s. */
  recheckMs?: number;
}
