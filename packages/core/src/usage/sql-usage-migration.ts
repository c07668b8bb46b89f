/**
 * Usage record columns on top of `usage_records` from migration 0001: the API key, total
 * tokens, latency, time to first token, how the answer ended and whether tokens were estimated.
 */
export const migration0004Usage = `
ALTER TABLE usage_records ADD COLUMN api_key_id text;
ALTER TABLE usage_records ADD COLUMN total_tokens integer NOT NULL DEFAULT 0;
ALTER TABLE usage_records ADD COLUMN latency_ms integer NOT NULL DEFAULT 0;
ALTER TABLE usage_records ADD COLUMN ttft_ms integer;
ALTER TABLE usage_records ADD COLUMN status text NOT NULL DEFAULT 'complete';
ALTER TABLE usage_records ADD COLUMN estimated boolean NOT NULL DEFAULT false;
CREATE INDEX usage_records_tenant_time ON usage_records (tenant_id, created_at);
`;
