import { CompanyChatError, type ErrorCode } from './company-chat-error.js';

/** The subset of error codes a model provider can fail with. */
export type ProviderErrorCode = Extract<
  ErrorCode,
  | 'auth'
  | 'rate_limited'
  | 'overloaded'
  | 'context_length_exceeded'
  | 'bad_request'
  | 'timeout'
  | 'network'
  | 'upstream'
>;

const retryable: Record<ProviderErrorCode, boolean> = {
  auth: false,
  rate_limited: true,
  overloaded: true,
  context_length_exceeded: false,
  bad_request: false,
  timeout: true,
  network: true,
  upstream: true,
};

/** Options accepted by {@link ProviderError}. */
export interface ProviderErrorOptions {
  code: ProviderErrorCode;
  message: string;
  /** Provider name, e.g. `openai`, `azure`, `anthropic`. */
  provider: string;
  /** HTTP status the upstream answered with, when there was one. */
  upstreamStatus?: number;
  /** From `Retry-After` / `retry-after-ms`, when the upstream sent one. */
  retryAfterMs?: number;
  isRetryable?: boolean;
  cause?: unknown;
}

/**
 * A model provider failed. The message is safe to show to end users: it never contains the API key
 * or the upstream URL (those stay in `cause`, which the server never serialises).
 */
export class ProviderError extends CompanyChatError {
  readonly provider: string;
  readonly upstreamStatus: number | undefined;
  declare readonly code: ProviderErrorCode;

  constructor(options: ProviderErrorOptions) {
    super({
      code: options.code,
      message: options.message,
      isRetryable: options.isRetryable ?? retryable[options.code],
      cause: options.cause,
      ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
    });
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
  }

  /** True for a {@link ProviderError} from any copy of this package. */
  static override isInstance(value: unknown): value is ProviderError {
    return CompanyChatError.isInstance(value) && typeof (value as ProviderError).provider === 'string';
  }
}
