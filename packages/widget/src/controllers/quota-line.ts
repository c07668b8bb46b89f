import type { ChatErrorInfo, QuotaLimit, QuotaStatus } from '@company-chat/core/client';
import { resetTime } from '../errors/reset-time.js';
import { type CompanyChatStrings, format } from '../strings.js';

const left = (l: QuotaLimit) => (l.max ?? 0) - l.used - l.reserved;
const share = (l: QuotaLimit) => (l.max ? (l.used + l.reserved) / l.max : 0);

/** From this share of a budget on, the line warns instead of counting. */
export const QUOTA_WARNING_SHARE = 0.9;

/**
 * The line under the composer: tokens left in the tightest token budget; a warning from 90% used; when
 * it is used up, until when. Empty when the server meters nothing, and while a quota or rate error is
 * shown on the failed message (it says the same thing there, with the reset time).
 */
export function quotaLine(
  quota: QuotaStatus | null,
  error: ChatErrorInfo | null,
  t: CompanyChatStrings,
  now: Date = new Date(),
): { text: string; alert: boolean } {
  if (error?.code === 'quota_exceeded' || error?.code === 'rate_limited') return { text: '', alert: false };
  // The tightest token budget is the one the user runs into first.
  const tight = (quota?.enforced ? quota.limits : [])
    .filter((l) => l.max !== null && (l.limit === 'tokensPerDay' || l.limit === 'tokensPerMonth'))
    .sort((a, b) => left(a) - left(b))[0];
  if (!tight) return { text: '', alert: false };
  const today = tight.limit === 'tokensPerDay';
  if (left(tight) <= 0) {
    const time = resetTime(new Date(tight.resetsAt), now);
    return { text: format(today ? t.quotaUsedUpToday : t.quotaUsedUpMonth, { time }), alert: true };
  }
  if (share(tight) >= QUOTA_WARNING_SHARE) {
    const percent = Math.min(99, Math.floor(share(tight) * 100));
    return { text: format(today ? t.quotaWarningToday : t.quotaWarningMonth, { percent }), alert: true };
  }
  const count = Math.max(0, Math.floor(left(tight))).toLocaleString();
  return { text: format(today ? t.tokensLeftToday : t.tokensLeftMonth, { count }), alert: false };
}
