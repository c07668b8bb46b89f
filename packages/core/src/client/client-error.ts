import { CompanyChatError, type ErrorCode } from '../errors/company-chat-error.js';
import { parseRetryAfterMs } from '../providers/parse-retry-after.js';

/**
 * Builds the typed error for a non-2xx response from its `{ error: { code, message } }` body.
 * Bodies that are not ours (a proxy's HTML page) become `upstream`/`internal` errors with the status kept.
 */
export async function errorFromResponse(response: Response): Promise<CompanyChatError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (
    body as
      | { error?: { code?: unknown; message?: unknown; retryAfterMs?: unknown; limit?: unknown; scope?: unknown } }
      | undefined
  )?.error;
  // The body's exact figure first; the header (whole seconds, or a date) for anything else that sends one.
  const retryAfterMs =
    typeof error?.retryAfterMs === 'number' && error.retryAfterMs >= 0
      ? error.retryAfterMs
      : parseRetryAfterMs(response.headers);
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const typed = new CompanyChatError({
      // The server may know codes newer than this client; they pass through unchanged.
      code: error.code as ErrorCode,
      message: error.message,
      statusCode: response.status,
      isRetryable: isRetryableStatus(response.status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    // Our own limits name the limit, so a client can say which allowance is used up.
    if (typeof error.limit === 'string') limits.set(typed, error.limit);
    return typed;
  }
  const foreign = new CompanyChatError({
    code:
      response.status === 401
        ? 'unauthenticated'
        : response.status === 404
          ? 'not_found'
          : response.status >= 500
            ? 'upstream'
            : 'invalid_request',
    message: `The chat server answered ${response.status} ${response.statusText}`.trim(),
    statusCode: response.status,
    isRetryable: isRetryableStatus(response.status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
  foreignErrors.add(foreign);
  return foreign;
}

// Errors whose body was not the server's JSON (a proxy, a static host, an older server).
const foreignErrors = new WeakSet<CompanyChatError>();
const limits = new WeakMap<CompanyChatError, string>();

/** The limit a `quota_exceeded` / `rate_limited` response named (`tokensPerDay`, ...), if any. */
export function limitOf(error: CompanyChatError): string | undefined {
  return limits.get(error);
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A fetch that failed before any response (offline, DNS, CORS refused). */
export function networkError(cause: unknown): CompanyChatError {
  return new CompanyChatError({
    code: 'network',
    message: 'Could not reach the chat server.',
    isRetryable: true,
    cause,
  });
}

/** A feature this server does not offer yet (regenerate, edit, branches, uploads). */
export function notSupported(feature: string): CompanyChatError {
  return new CompanyChatError({
    code: 'not_supported',
    message: `${feature} is not supported by this server yet.`,
  });
}

/**
 * True when the server has no such route: its JSON 404 for unmatched paths (`No route for ...`), a 404
 * that is not the server's JSON at all, or a 405. Distinguishes "this server is older" from "this
 * message does not exist" (a JSON `not_found` about the resource).
 */
export function isMissingRoute(error: CompanyChatError): boolean {
  if (error.statusCode === 405) return true;
  return error.statusCode === 404 && (foreignErrors.has(error) || error.message.startsWith('No route for '));
}
