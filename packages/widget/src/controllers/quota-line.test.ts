import type { QuotaStatus } from '@company-chat/core/client';
import { describe, expect, it } from 'vitest';
import { defaultStrings } from '../strings.js';
import { quotaLine } from './quota-line.js';

const limit = (limit: string, used: number, max: number | null, resetsAt = '2030-01-02T00:00:00.000Z') => ({
  scope: 'user' as const,
  limit,
  used,
  reserved: 0,
  max,
  resetsAt,
});

describe('quotaLine', () => {
  it('shows nothing when the server meters nothing', () => {
    expect(quotaLine(null, null, defaultStrings).text).toBe('');
    expect(quotaLine({ enforced: false, limits: [] }, null, defaultStrings).text).toBe('');
  });

  it('shows the tightest token budget', () => {
    const quota: QuotaStatus = {
      enforced: true,
      limits: [limit('tokensPerMonth', 0, 5_000), limit('tokensPerDay', 1_000, 2_234), limit('costPerMonth', 0, 1)],
    };
    expect(quotaLine(quota, null, defaultStrings)).toEqual({
      text: `${(1_234).toLocaleString()} tokens left today`,
      alert: false,
    });
    const monthly: QuotaStatus = { enforced: true, limits: [limit('tokensPerMonth', 4_000, 5_000)] };
    expect(quotaLine(monthly, null, defaultStrings).text).toBe(`${(1_000).toLocaleString()} tokens left this month`);
  });

  it('explains a used-up quota with its reset time, and other limits with the server’s message', () => {
    const resetsAt = '2030-01-02T09:30:00.000Z';
    const spent: QuotaStatus = { enforced: true, limits: [limit('tokensPerDay', 2_000, 2_000, resetsAt)] };
    const exceeded = { code: 'quota_exceeded', message: 'Try again in 60 s.', retryable: true };
    const line = quotaLine(spent, exceeded, defaultStrings);
    expect(line.alert).toBe(true);
    expect(line.text).toMatch(/^You have used up your quota\. It resets at .+\.$/);
    expect(line.text).toContain(
      new Date(resetsAt).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    );
    const limited = { code: 'rate_limited', message: 'Try again in 20 s.', retryable: true };
    expect(quotaLine(spent, limited, defaultStrings)).toEqual({
      text: 'Usage limit reached. Try again in 20 s.',
      alert: true,
    });
  });
});
