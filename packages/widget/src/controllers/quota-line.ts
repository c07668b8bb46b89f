import type { ChatErrorInfo, QuotaLimit, QuotaStatus } from '@company-chat/core/client';
import { type CompanyChatStrings, format } from '../strings.js';

const left = (l: QuotaLimit) => (l.max ?? 0) - l.used - l.reserved;

// Today: the time only; later: the day too.
function when(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * The line under the composer: tokens left in the tightest token budget, or, after a quota or rate
 * error, what happened and when it resets. Empty when the server meters nothing.
 */
export function quotaLine(
  quota: QuotaStatus | null,
  error: ChatErrorInfo | null,
  t: CompanyChatStrings,
): { text: string; alert: boolean } {
  // The tightest token budget is the one the user runs into first.
  const tight = (quota?.enforced ? quota.limits : [])
    .filter((l) => l.max !== null && (l.limit === 'tokensPerDay' || l.limit === 'tokensPerMonth'))
    .sort((a, b) => left(a) - left(b))[0];
  if (error?.code === 'quota_exceeded' || error?.code === 'rate_limited') {
    const text =
      error.code === 'quota_exceeded' && tight && left(tight) <= 0
        ? format(t.quotaUsedUp, { time: when(tight.resetsAt) })
        : format(t.limitReached, { message: error.message });
    return { text, alert: true };
  }
  if (!tight) return { text: '', alert: false };
  const count = Math.max(0, Math.floor(left(tight))).toLocaleString();
  return {
    text: format(tight.limit === 'tokensPerDay' ? t.tokensLeftToday : t.tokensLeftMonth, { count }),
    alert: false,
  };
}
