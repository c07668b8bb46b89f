import { describe, expect, it } from 'vitest';
import { costOf, createPriceTable, findPrice } from './price-table.js';
import { QuotaError } from './quota-error.js';
import { resolveTier } from './tiers.js';

describe('price table', () => {
  it('prices usage per 1M input and output tokens', () => {
    const cost = costOf({ inputTokens: 1_000_000, outputTokens: 500_000 }, 'gpt-4o');
    expect(cost).toEqual({ inputCost: 2.5, outputCost: 5, totalCost: 7.5, priced: true });
  });

  it('matches dated model ids by the longest prefix', () => {
    expect(findPrice('gpt-4o-mini-2024-07-18')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(findPrice('gpt-4o-2024-08-06')).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
  });

  it('takes overrides from configuration and reports unpriced models', () => {
    const table = createPriceTable({
      'llama3.1:8b': { inputPerMillion: 0, outputPerMillion: 0 },
      'gpt-4o': { inputPerMillion: 1, outputPerMillion: 2 },
    });
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, 'gpt-4o', table).totalCost).toBe(3);
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, 'llama3.1:8b', table)).toMatchObject({
      totalCost: 0,
      priced: true,
    });
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, 'mystery-model', table)).toMatchObject({
      totalCost: 0,
      priced: false,
    });
  });
});

describe('tiers and quota errors', () => {
  it('falls back for unknown tiers and refuses a missing fallback', () => {
    const tiers = { free: { requestsPerMinute: 1 }, pro: { requestsPerMinute: 10 } };
    expect(resolveTier(tiers, 'pro')).toEqual({ requestsPerMinute: 10 });
    expect(resolveTier(tiers, 'toString')).toEqual({ requestsPerMinute: 1 });
    expect(() => resolveTier({}, 'pro')).toThrow(/not configured/);
  });

  it('serialises the limit and retry time, and rounds Retry-After up', () => {
    const error = new QuotaError({
      code: 'quota_exceeded',
      limit: 'costPerMonth',
      scope: 'tenant',
      retryAfterMs: 1500,
    });
    expect(error.toJSON()).toEqual({
      code: 'quota_exceeded',
      message: expect.stringContaining('costPerMonth'),
      limit: 'costPerMonth',
      scope: 'tenant',
      retryAfterMs: 1500,
    });
    expect(error.retryAfterSeconds).toBe(2);
    expect(error.statusCode).toBe(429);
  });
});
