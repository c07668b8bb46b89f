import { CompanyChatError } from '../errors/company-chat-error.js';

/** The error as clients see it: a stable code and a safe message, never a stack, key or upstream URL. */
export interface PublicError {
  code: string;
  message: string;
  retryable: boolean;
  /** When the failure said how long to wait (a provider's 429 `Retry-After`), in ms. */
  retryAfterMs?: number;
}

/** Maps anything thrown to a {@link PublicError}; unknown errors become `internal` with a generic message. */
export function toPublicError(error: unknown): PublicError {
  if (CompanyChatError.isInstance(error)) {
    const base = { code: error.code, message: error.message, retryable: error.isRetryable };
    return error.retryAfterMs === undefined ? base : { ...base, retryAfterMs: error.retryAfterMs };
  }
  return { code: 'internal', message: 'The answer failed because of an internal error.', retryable: true };
}
