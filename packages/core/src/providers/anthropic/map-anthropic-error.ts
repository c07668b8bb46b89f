import { ProviderError } from '../../errors/provider-error.js';
import { parseRetryAfterMs } from '../parse-retry-after.js';
import { providerErrorForStatus } from '../provider-error-for-status.js';
import { sanitizeUpstreamMessage } from '../sanitize-upstream-message.js';
import type { AnthropicSdk } from './load-anthropic-sdk.js';

/** Who failed, for {@link mapAnthropicError}. */
export interface AnthropicErrorContext {
  provider: string;
  /** Values that must never appear in a message (the API key). */
  secrets: Array<string | undefined>;
  /** The loaded SDK, whose error classes are recognised (unset when loading it failed). */
  sdk?: AnthropicSdk | undefined;
}

const vendor = 'Anthropic';

// In-stream `event: error` has no HTTP status of its own: the status its type stands for.
// https://docs.anthropic.com/en/api/errors
const statusForType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Maps anything `@anthropic-ai/sdk` throws (HTTP errors, in-stream `error` events such as
 * `overloaded_error` after a 200, connection failures, malformed events) to a {@link ProviderError}.
 */
export function mapAnthropicError(error: unknown, context: AnthropicErrorContext): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const base = { provider: context.provider, cause: error };
  const sdk = context.sdk;
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError({ ...base, code: 'timeout', message: `${vendor} did not answer in time` });
  }
  if ((sdk && error instanceof sdk.APIUserAbortError) || (sdk && error instanceof sdk.APIConnectionError)) {
    return new ProviderError({ ...base, code: 'network', message: `Could not connect to ${vendor}` });
  }
  if (sdk && error instanceof sdk.APIError) {
    const type = typeof error.type === 'string' ? error.type : '';
    const raw = typeof error.apiMessage === 'string' ? error.apiMessage : '';
    const detail = sanitizeUpstreamMessage(raw, context.secrets);
    const contextLengthExceeded = /prompt is too long|context window|too many tokens/i.test(raw);
    const inStream = error.status === undefined;
    return providerErrorForStatus({
      ...base,
      vendor,
      status: error.status ?? statusForType[type] ?? 500,
      inStream,
      retryAfterMs: inStream ? undefined : parseRetryAfterMs(error.headers),
      detail,
      contextLengthExceeded,
      overloaded: type === 'overloaded_error',
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError({ ...base, code: 'upstream', message: `${vendor} sent a malformed stream event` });
  }
  if (sdk && error instanceof sdk.AnthropicError) {
    return new ProviderError({ ...base, code: 'upstream', message: `${vendor} sent an unexpected response` });
  }
  // undici fails a body read of a dropped connection with `TypeError: terminated`.
  return new ProviderError({ ...base, code: 'network', message: `The connection to ${vendor} was interrupted` });
}
