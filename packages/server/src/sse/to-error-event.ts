import { CompanyChatError, type ErrorEvent } from '@company-chat/core';

/**
 * The `error` ChatEvent for a failure thrown out of the engine after the stream started.
 * Only company-chat errors keep their message; anything else becomes a generic `internal`.
 */
export function toErrorEvent(error: unknown): ErrorEvent {
  if (CompanyChatError.isInstance(error)) {
    const base = { code: error.code, message: error.message, retryable: error.isRetryable };
    return {
      type: 'error',
      error: error.retryAfterMs === undefined ? base : { ...base, retryAfterMs: error.retryAfterMs },
    };
  }
  return { type: 'error', error: { code: 'internal', message: 'Internal server error.', retryable: false } };
}
