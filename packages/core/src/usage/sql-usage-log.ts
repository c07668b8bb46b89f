import { MICROS_PER_DOLLAR } from '../quotas/quota-ledger.js';
import { isUuid } from '../sql/is-uuid.js';
import type { SqlClient } from '../sql/sql-client.js';
import type { UsageGroupBy, UsageLog, UsageQuery, UsageRecord } from './usage-log.js';

interface UsageRow {
  id: string;
  tenant_id: string;
  user_id: string;
  api_key_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  model: string | null;
  provider: string | null;
  provider_model: string | null;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost_micros: string | number;
  estimated: boolean;
  latency_ms: number;
  ttft_ms: number | null;
  status: string;
  created_at: Date | string;
}

// Column expressions per grouping; fixed strings, never built from input.
const groupColumn: Record<UsageGroupBy, string> = {
  user: 'user_id',
  tenant: 'tenant_id',
  model: "coalesce(model, '')",
  day: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
};

/**
 * A {@link UsageLog} in `usage_records` (PGlite or PostgreSQL; needs migration `0004-usage`). Cost is
 * stored in whole micro-dollars so sums are exact.
 */
export function createSqlUsageLog(client: SqlClient, options: { now?: () => Date } = {}): UsageLog {
  const now = options.now ?? (() => new Date());

  function where(query: UsageQuery): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const clauses: string[] = ['true'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      clauses.push(`${sql} $${params.length}`);
    };
    if (query.tenantId !== undefined) add('tenant_id =', query.tenantId);
    if (query.userId !== undefined) add('user_id =', query.userId);
    if (query.model !== undefined) add('model =', query.model);
    if (query.from !== undefined) add('created_at >=', query.from);
    if (query.to !== undefined) add('created_at <', query.to);
    return { sql: clauses.join(' AND '), params };
  }

  return {
    async record(input) {
      const record: UsageRecord = { ...input, id: crypto.randomUUID(), at: input.at ?? now() };
      await client.query(
        `INSERT INTO usage_records (id, tenant_id, user_id, api_key_id, conversation_id, message_id, model, provider,
           provider_model, input_tokens, output_tokens, total_tokens, cost_micros, estimated, latency_ms, ttft_ms, status,
           created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          record.id,
          record.tenantId,
          record.userId,
          record.apiKeyId,
          isUuid(record.conversationId) ? record.conversationId : null,
          isUuid(record.messageId) ? record.messageId : null,
          record.model,
          record.provider,
          record.providerModel,
          record.inputTokens,
          record.outputTokens,
          record.totalTokens,
          Math.round(record.cost * MICROS_PER_DOLLAR),
          record.estimated,
          Math.round(record.latencyMs),
          record.timeToFirstTokenMs === null ? null : Math.round(record.timeToFirstTokenMs),
          record.status,
          record.at,
        ],
      );
      return record;
    },
    async list(query) {
      const { sql, params } = where(query);
      params.push(Math.min(Math.max(query.limit ?? 100, 1), 1000));
      const { rows } = await client.query<UsageRow>(
        `SELECT * FROM usage_records WHERE ${sql} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toRecord);
    },
    async summarize(query) {
      const { sql, params } = where(query);
      const key = groupColumn[query.groupBy];
      const { rows } = await client.query<{
        key: string;
        requests: string | number;
        input_tokens: string | number;
        output_tokens: string | number;
        total_tokens: string | number;
        cost_micros: string | number;
      }>(
        `SELECT ${key} AS key, count(*) AS requests, sum(input_tokens) AS input_tokens,
           sum(output_tokens) AS output_tokens, sum(total_tokens) AS total_tokens, sum(cost_micros) AS cost_micros
         FROM usage_records WHERE ${sql} GROUP BY 1 ORDER BY 1`,
        params,
      );
      return rows.map((row) => ({
        key: row.key,
        requests: Number(row.requests),
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        totalTokens: Number(row.total_tokens),
        cost: Number(row.cost_micros) / MICROS_PER_DOLLAR,
      }));
    },
  };
}

function toRecord(row: UsageRow): UsageRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    apiKeyId: row.api_key_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    model: row.model ?? '',
    provider: row.provider ?? '',
    providerModel: row.provider_model ?? '',
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    totalTokens: row.total_tokens,
    cost: Number(row.cost_micros) / MICROS_PER_DOLLAR,
    estimated: row.estimated,
    latencyMs: row.latency_ms,
    timeToFirstTokenMs: row.ttft_ms,
    status: row.status,
    at: new Date(row.created_at),
  };
}
