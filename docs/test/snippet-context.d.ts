// What the guides' fragments take from their surrounding text: a snippet that continues an earlier one
// ("pass the same engine...") uses these names without defining them. Everything else a snippet uses it
// must import, so a copied snippet names its own imports.
import type {
  AccountStore,
  Accounts,
  ChatEngine,
  ChatStore,
  KnowledgeBase,
  PriceTable,
  QuotaLedger,
  RateLimiter,
  Tiers,
} from '@company-chat/core';

declare global {
  /** `createChatEngine(...)` of the surrounding text. */
  const engine: ChatEngine;
  /** The conversation store of the surrounding text (`createPgliteChatStore(...)`, ...). */
  const store: ChatStore;
  /** `createKnowledgeBase(...)` of the surrounding text. */
  const knowledge: KnowledgeBase;
  /** Your identity provider's issuer and the audience of its tokens. */
  const issuer: string;
  const audience: string;
  /** Built-in accounts and their store, as created in identity-and-quotas.md. */
  const accounts: Accounts;
  const accountStore: AccountStore;
  /** The tiers, ledger, limiter and prices of identity-and-quotas.md. */
  const tiers: Tiers;
  const ledger: QuotaLedger;
  const rateLimiter: RateLimiter;
  const prices: PriceTable;
  /** The host page's own analytics. */
  const analytics: { track(event: string, data: Record<string, unknown>): void };
  /** The host page's own sign-in, which hands out tokens for the chat. */
  const auth: { token(refresh: boolean): Promise<string> };
}
