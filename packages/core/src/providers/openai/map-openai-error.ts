import { ProviderError } from '../../errors/provider-error.js';
import { parseRetryAfterMs } from '../parse-retry-after.js';
import { providerErrorForStatus } from '../provider-error-for-status.js';
import { sanitizeUpstreamMessage } from '../sanitize-upstream-message.js';
import type { OpenAISdk } from './load-openai-sdk.js';

/** Who failed, for {@link mapOpenAIError}. */
export interface OpenAIErrorContext {
  provider: string;
  vendor: string;
  /** Values that must never appear in a message (the API key). */
  secrets: Array<string | undefined>;
  /** The loaded SDK, whose error classes are recognised (unset when loading it failed). */
  sdk?: OpenAISdk | undefined;
}

interface OpenAIErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
}

const contextLengthPattern = /context[ _]length|context window|maximum context|too many tokens|prompt is too long/i;

/**
 * Maps anything the `openai` SDK throws (HTTP errors, in-stream `{"error":...}` events, connection
 * failures, malformed events, body read failures) to a {@link ProviderError} with a stable code.
 */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const base = { provider: context.provider, cause: error };
  const sdk = context.sdk;
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError({ ...base, code: 'timeout', message: `${context.vendor} did not answer in time` });
  }
  if ((sdk && error instanceof sdk.APIUserAbortError) || (sdk && error instanceof sdk.APIConnectionError)) {
    return new ProviderError({ ...base, code: 'network', message: `Could not connect to ${context.vendor}` });
  }
  if (sdk && error instanceof sdk.APIError) {
    const body = (error.error ?? {}) as OpenAIErrorBody;
    const raw = typeof body.message === 'string' ? body.message : '';
    const detail = sanitizeUpstreamMessage(raw, context.secrets);
    const kind = `${String(body.type ?? '')} ${String(body.code ?? '')}`;
    const contextLengthExceeded = body.code === 'context_length_exceeded' || contextLengthPattern.test(raw);
    const overloaded = /overloaded/i.test(kind) || /overloaded/i.test(raw);
    if (error.status === undefined) {
      // An `{"error": ...}` event inside a 200 stream: the status is implied by its type/code.
      const implied = overloaded ? 529 : /rate_limit/i.test(kind) ? 429 : contextLengthExceeded ? 400 : 500;
      return providerErrorForStatus({
        ...base,
        vendor: context.vendor,
        status: implied,
        detail,
        contextLengthExceeded,
        inStream: true,
      });
    }
    return providerErrorForStatus({
      ...base,
      vendor: context.vendor,
      status: error.status,
      retryAfterMs: parseRetryAfterMs(error.headers),
      detail,
      contextLengthExceeded,
      overloaded,
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError({ ...base, code: 'upstream', message: `${context.vendor} sent a malformed stream event` });
  }
  if (sdk && error instanceof sdk.OpenAIError) {
    return new ProviderError({ ...base, code: 'upstream', message: `${context.vendor} sent an unexpected response` });
  }
  // undici fails a body read of a dropped connection with `TypeError: terminated`.
  return new ProviderError({
    ...base,
    code: 'network',
    message: `The connection to ${context.vendor} was interrupted`,
  });
}
