import { CompanyChatError } from '../../errors/company-chat-error.js';

// Socket-level failures: the database is down, restarting, unreachable or black-holed.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs that say "not now" rather than "wrong request": connection exceptions (class 08), the server
// shutting down or starting (57P0x), too many connections, and a statement cancelled by statement_timeout.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300|57014)$/;
// What pg and pg-pool throw without a code when a connection cannot be made or dies under a query.
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection error and is not queryable|Connection ended/i;

/** How long clients are told to wait before retrying a request refused because the database is away. */
export const STORE_RETRY_AFTER_MS = 5_000;

/** True when `error` means the database could not be reached or did not answer in time. */
export function isStoreUnavailable(error: unknown): boolean {
  if (CompanyChatError.isInstance(error)) return error.code === 'store_unavailable';
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/**
 * Turns a failure to reach the database into `503 store_unavailable` (retryable, with `Retry-After`),
 * so clients and load balancers see an outage rather than a bug; other errors are returned unchanged.
 */
export function toStoreError(error: unknown): unknown {
  if (CompanyChatError.isInstance(error) || !isStoreUnavailable(error)) return error;
  return new CompanyChatError({
    code: 'store_unavailable',
    message: 'The database cannot be reached right now. Try again shortly.',
    isRetryable: true,
    retryAfterMs: STORE_RETRY_AFTER_MS,
    cause: error,
  });
}
