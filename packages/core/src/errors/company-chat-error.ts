const marker = Symbol.for('company-chat.error');

/**
 * Stable error codes. They are part of the public API (documented in docs/errors.md):
 * clients switch on them, so a code is never renamed, only added.
 */
export type ErrorCode =
  // provider failures (see ProviderError)
  | 'auth'
  | 'rate_limited'
  | 'overloaded'
  | 'context_length_exceeded'
  | 'bad_request'
  | 'timeout'
  | 'network'
  | 'upstream'
  // request and engine failures
  | 'invalid_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'method_not_allowed'
  | 'not_found'
  | 'unknown_model'
  | 'no_model_configured'
  | 'conversation_busy'
  | 'unauthenticated'
  | 'forbidden'
  | 'quota_exceeded'
  | 'quota_unavailable'
  | 'shutting_down'
  | 'data_dir_locked'
  | 'store_unavailable'
  | 'aborted'
  | 'not_supported'
  // knowledge base: uploaded files that cannot be ingested
  | 'unreadable_file'
  | 'password_protected'
  | 'empty_file'
  | 'archive_limits'
  | 'document_limits'
  | 'parse_timeout'
  | 'internal';

/** Options accepted by {@link CompanyChatError}. */
export interface CompanyChatErrorOptions {
  code: ErrorCode;
  message: string;
  /** HTTP status the server answers with. Defaults from the code. */
  statusCode?: number;
  /** Whether trying the same thing again (or elsewhere) may succeed. */
  isRetryable?: boolean;
  /** How long to wait before trying again, when known (a provider's `Retry-After`, a store outage). */
  retryAfterMs?: number;
  cause?: unknown;
}

const defaultStatus: Record<ErrorCode, number> = {
  auth: 502,
  rate_limited: 429,
  overloaded: 503,
  context_length_exceeded: 400,
  bad_request: 502,
  timeout: 504,
  network: 502,
  upstream: 502,
  invalid_request: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  not_found: 404,
  unknown_model: 400,
  no_model_configured: 503,
  conversation_busy: 409,
  unauthenticated: 401,
  forbidden: 403,
  quota_exceeded: 429,
  quota_unavailable: 503,
  shutting_down: 503,
  data_dir_locked: 503,
  store_unavailable: 503,
  aborted: 499,
  not_supported: 501,
  unreadable_file: 422,
  password_protected: 422,
  empty_file: 422,
  archive_limits: 422,
  document_limits: 422,
  parse_timeout: 422,
  internal: 500,
};

/**
 * The one base error of company-chat. Every error the engine, the stores and the providers raise on
 * purpose is one of these, so callers can branch on `code` instead of parsing messages.
 *
 * @example
 * ```ts
 * try { ... } catch (e) {
 *   if (CompanyChatError.isInstance(e) && e.code === 'rate_limited') retryLater();
 * }
 * ```
 */
export class CompanyChatError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly isRetryable: boolean;
  /** How long to wait before trying again, when known; sent to clients as `retryAfterMs`. */
  readonly retryAfterMs: number | undefined;

  constructor(options: CompanyChatErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CompanyChatError';
    this.code = options.code;
    this.statusCode = options.statusCode ?? defaultStatus[options.code];
    this.isRetryable = options.isRetryable ?? false;
    this.retryAfterMs = options.retryAfterMs === undefined ? undefined : Math.max(0, Math.ceil(options.retryAfterMs));
  }

  /**
   * True for any company-chat error, also one created by another copy of this package
   * (`instanceof` fails across duplicated installs; the registered symbol does not).
   */
  static isInstance(value: unknown): value is CompanyChatError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** The JSON body the server sends: never includes the cause, stack, keys or upstream URLs. */
  toJSON(): { code: ErrorCode; message: string; retryAfterMs?: number } {
    return this.retryAfterMs === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}
