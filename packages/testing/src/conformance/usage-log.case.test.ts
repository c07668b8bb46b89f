import type { UsageInput, UsageLog } from '@company-chat/core';
import { expect, it } from 'vitest';

/** Builds an empty usage log; `cleanup` removes what it stored. */
export type UsageLogFactory = () => Promise<{ log: UsageLog; cleanup?: () => Promise<void> }>;

const base: UsageInput = {
  tenantId: 't1',
  userId: 'alice',
  apiKeyId: null,
  conversationId: crypto.randomUUID(),
  messageId: crypto.randomUUID(),
  model: 'default',
  provider: 'openai',
  providerModel: 'gpt-4o-mini',
  inputTokens: 100,
  outputTokens: 50,
  totalTokens: 150,
  cost: 0.000045,
  estimated: false,
  latencyMs: 1200,
  timeToFirstTokenMs: 300,
  status: 'complete',
};

/** The conformance suite every UsageLog implementation passes. */
export function usageLogCases(factory: UsageLogFactory): void {
  it('records answers and lists them per tenant, newest first', async () => {
    const { log, cleanup } = await factory();
    try {
      await log.record({ ...base, at: new Date('2026-01-01T10:00:00Z') });
      await log.record({ ...base, userId: 'bob', at: new Date('2026-01-02T10:00:00Z') });
      await log.record({ ...base, tenantId: 't2', at: new Date('2026-01-03T10:00:00Z') });
      const list = await log.list({ tenantId: 't1' });
      expect(list.map((r) => r.userId)).toEqual(['bob', 'alice']);
      expect(list[1]).toMatchObject({ ...base, at: new Date('2026-01-01T10:00:00Z') });
      expect(await log.list({ tenantId: 't1', userId: 'alice' })).toHaveLength(1);
      expect(await log.list({ tenantId: 't1', from: new Date('2026-01-02T00:00:00Z') })).toHaveLength(1);
    } finally {
      await cleanup?.();
    }
  });

  it('sums tokens and cost exactly by user, tenant, model and UTC day', async () => {
    const { log, cleanup } = await factory();
    try {
      await log.record({ ...base, at: new Date('2026-01-01T23:59:00Z') });
      await log.record({ ...base, model: 'fast', cost: 0.1, at: new Date('2026-01-02T00:01:00Z') });
      await log.record({ ...base, userId: 'bob', cost: 0.2, at: new Date('2026-01-02T12:00:00Z') });
      await log.record({ ...base, tenantId: 't2', at: new Date('2026-01-02T12:00:00Z') });
      const byUser = await log.summarize({ tenantId: 't1', groupBy: 'user' });
      expect(byUser).toEqual([
        { key: 'alice', requests: 2, inputTokens: 200, outputTokens: 100, totalTokens: 300, cost: 0.100045 },
        { key: 'bob', requests: 1, inputTokens: 100, outputTokens: 50, totalTokens: 150, cost: 0.2 },
      ]);
      expect((await log.summarize({ tenantId: 't1', groupBy: 'day' })).map((r) => [r.key, r.requests])).toEqual([
        ['2026-01-01', 1],
        ['2026-01-02', 2],
      ]);
      expect((await log.summarize({ tenantId: 't1', groupBy: 'model' })).map((r) => [r.key, r.requests])).toEqual([
        ['default', 2],
        ['fast', 1],
      ]);
      const byTenant = await log.summarize({ groupBy: 'tenant' });
      expect(byTenant.map((r) => [r.key, r.requests])).toEqual([
        ['t1', 3],
        ['t2', 1],
      ]);
    } finally {
      await cleanup?.();
    }
  });
}
