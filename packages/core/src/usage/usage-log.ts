/** One answer's usage and cost, as recorded after its stream ended (however it ended). */
export interface UsageRecord {
  id: string;
  tenantId: string;
  userId: string;
  /** The API key the request came with, if any. */
  apiKeyId: string | null;
  conversationId: string | null;
  messageId: string | null;
  /** The model alias asked for (`default`, `fast`...). */
  model: string;
  /** Provider name (`openai`, `anthropic`, `azure`...). */
  provider: string;
  /** Provider model id, the one the price table prices. */
  providerModel: string;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** US dollars, from the price table (0 for unpriced models). */
  cost: number;
  /** True when the provider reported no usage and the tokens are an estimate. */
  estimated: boolean;
  /** From the request to the end of the stream. */
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** How the answer ended: `complete`, `aborted`, `error`... */
  status: string;
  at: Date;
}

/** What to record: everything but the id, and the time when not given. */
export type UsageInput = Omit<UsageRecord, 'id' | 'at'> & { at?: Date };

/** What usage can be grouped by. */
export type UsageGroupBy = 'user' | 'tenant' | 'model' | 'day';

/** Filters of usage queries. `to` is exclusive. */
export interface UsageQuery {
  /** Omitted only by platform operators (all tenants). */
  tenantId?: string;
  userId?: string;
  model?: string;
  from?: Date;
  to?: Date;
}

/** One group's totals. `key` is the user id, tenant id, model alias or UTC day (`YYYY-MM-DD`). */
export interface UsageSummaryRow {
  key: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** US dollars. */
  cost: number;
}

/**
 * Append-only usage and cost records, with aggregations for reports and billing. Implementations:
 * memory and SQL (`usage_records`), both passing `usageLogCases` (`@company-chat/testing/conformance`).
 */
export interface UsageLog {
  record(input: UsageInput): Promise<UsageRecord>;
  /** Newest first; default 100, at most 1000. */
  list(query: UsageQuery & { limit?: number }): Promise<UsageRecord[]>;
  /** Totals per group, sorted by key. */
  summarize(query: UsageQuery & { groupBy: UsageGroupBy }): Promise<UsageSummaryRow[]>;
}

/** The group key of a record. */
export function usageGroupKey(record: UsageRecord, groupBy: UsageGroupBy): string {
  if (groupBy === 'user') return record.userId;
  if (groupBy === 'tenant') return record.tenantId;
  if (groupBy === 'model') return record.model;
  return record.at.toISOString().slice(0, 10);
}
