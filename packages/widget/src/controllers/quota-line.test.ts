import type { QuotaStatus } from '@company-chat/core/client';
import { describe, expect, it } from 'vitest';
import { resetTime } from '../errors/reset-time.js';
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

  it('warns from 90% used, before anything is refused', () => {
    const almost: QuotaStatus = { enforced: true, limits: [limit('tokensPerDay', 18_200, 20_000)] };
    expect(quotaLine(almost, null, defaultStrings)).toEqual({
      text: "You have used 91% of today's allowance.",
      alert: true,
    });
    const below: QuotaStatus = { enforced: true, limits: [limit('tokensPerDay', 17_900, 20_000)] };
    expect(quotaLine(below, null, defaultStrings).alert).toBe(false);
    const month: QuotaStatus = { enforced: true, limits: [limit('tokensPerMonth', 950, 1_000)] };
    expect(quotaLine(month, null, defaultStrings).text).toBe("You have used 95% of this month's allowance.");
  });

  it('says when a used-up budget resets, and stays quiet while the failed message says it', () => {
    const now = new Date(2030, 0, 1, 9, 0);
    const resetsAt = new Date(2030, 0, 1, 14, 0);
    const spent: QuotaStatus = {
      enforced: true,
      limits: [limit('tokensPerDay', 2_000, 2_000, resetsAt.toISOString())],
    };
    expect(quotaLine(spent, null, defaultStrings, now)).toEqual({
      text: `You have used today's allowance. It resets at ${resetTime(resetsAt, now)}.`,
      alert: true,
    });
    const exceeded = { code: 'quota_exceeded', message: 'Quota used up', retryable: true };
    expect(quotaLine(spent, exceeded, defaultStrings, now).text).toBe('');
  });
});
