import { ProviderError, type ProviderErrorCode } from '../errors/provider-error.js';

/** Inputs shared by every provider's HTTP error mapping. */
export interface HttpFailure {
  provider: string;
  /** Human name of the vendor for messages, e.g. `OpenAI`, `Azure OpenAI`, `Anthropic`. */
  vendor: string;
  status: number;
  retryAfterMs?: number;
  /** Already sanitised upstream message (see sanitizeUpstreamMessage). */
  detail?: string;
  /** True when the upstream said the prompt does not fit the context window. */
  contextLengthExceeded?: boolean;
  /** True when the upstream said it is overloaded (body type), whatever the status. */
  overloaded?: boolean;
  /** The error came as an event inside a 200 stream; `status` is then the one its type implies. */
  inStream?: boolean;
  cause?: unknown;
}

/** The stable code for an upstream HTTP status, shared by all providers so they fail alike. */
export function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'upstream';
  return 'bad_request';
}

/** Builds the {@link ProviderError} for a failed HTTP response. Messages never carry keys or URLs. */
export function providerErrorForStatus(failure: HttpFailure): ProviderError {
  let code = codeForStatus(failure.status);
  if (failure.contextLengthExceeded && code === 'bad_request') code = 'context_length_exceeded';
  if (failure.overloaded && code !== 'auth') code = 'overloaded';
  const detail = failure.detail ? `: ${failure.detail}` : '';
  const how = failure.inStream ? 'in the stream' : `HTTP ${failure.status}`;
  const messages: Record<ProviderErrorCode, string> = {
    auth: `${failure.vendor} rejected the credentials (${how}); check the configured API key`,
    rate_limited: `${failure.vendor} rate limit reached (${how})`,
    overloaded: `${failure.vendor} is overloaded (${how})`,
    context_length_exceeded: `The prompt is too long for the model's context window${detail}`,
    bad_request: `${failure.vendor} rejected the request (${how})${detail}`,
    timeout: `${failure.vendor} timed out (${how})`,
    network: `Could not reach ${failure.vendor}`,
    upstream: `${failure.vendor} failed (${how})${detail}`,
  };
  return new ProviderError({
    code,
    message: messages[code],
    provider: failure.provider,
    upstreamStatus: failure.inStream ? 200 : failure.status,
    retryAfterMs: failure.retryAfterMs,
    cause: failure.cause,
  });
}
