import { CompanyChatError, type ThrottleVerdict } from '@company-chat/core';
import { jsonErrorResponse } from '../errors/error-response.js';

const messages = {
  address: 'Too many sign-in attempts from this address. Try again later.',
  account: 'Too many sign-in attempts for this account. Try again later.',
  rate: 'Too many requests from this address. Try again later.',
};

/** `429 rate_limited` with `Retry-After` (whole seconds, at least 1) for a refused throttle verdict. */
export function throttledResponse(verdict: Extract<ThrottleVerdict, { allowed: false }>): Response {
  const error = new CompanyChatError({ code: 'rate_limited', message: messages[verdict.reason], isRetryable: true });
  return jsonErrorResponse(error, { 'retry-after': String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))) });
}
