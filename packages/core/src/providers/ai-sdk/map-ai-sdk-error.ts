import { ProviderError } from '../../errors/provider-error.js';
import { parseRetryAfterMs } from '../parse-retry-after.js';
import { providerErrorForStatus } from '../provider-error-for-status.js';
import { sanitizeUpstreamMessage } from '../sanitize-upstream-message.js';

/** Who failed, for {@link mapAiSdkError}. */
export interface AiSdkErrorContext {
  provider: string;
  vendor: string;
  /** Values that must never appear in a message. */
  secrets: Array<string | undefined>;
}

/** The fields of the AI SDK's `APICallError` the mapping reads. */
interface ApiCallErrorLike {
  message: string;
  statusCode?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
}

/**
 * AI SDK errors carry a `Symbol.for('vercel.ai.error.<name>')` marker (their `isInstance()` checks it),
 * which works across copies of `@ai-sdk/provider` and needs no runtime import of it.
 */
function hasMarker(error: unknown, name: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[Symbol.for(`vercel.ai.error.${name}`)] === true
  );
}

const contextLengthPattern = /context[ _]length|context window|maximum context|too many tokens|prompt is too long/i;
const overloadedPattern = /overloaded/i;

/**
 * Maps anything an AI SDK model throws or streams as an `error` part to a {@link ProviderError}, with
 * the same status table as our own providers: `APICallError` by its status (no status: the connection
 * failed), an error object inside a 200 stream by its type, malformed data as `upstream`, anything else
 * (a body read failing on a dropped connection) as `network`.
 */
export function mapAiSdkError(error: unknown, context: AiSdkErrorContext): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const { vendor } = context;
  const base = { provider: context.provider, cause: error };
  if (hasMarker(error, 'AI_APICallError')) {
    const failure = error as ApiCallErrorLike;
    if (failure.statusCode === undefined) {
      return new ProviderError({ ...base, code: 'network', message: `Could not connect to ${vendor}` });
    }
    // The provider wraps a body read that failed after a 2xx (a dropped connection) with that status.
    if (failure.statusCode < 400) return interrupted(base, vendor);
    const said = `${failure.message} ${failure.responseBody ?? ''}`;
    const headers = failure.responseHeaders ?? {};
    return providerErrorForStatus({
      ...base,
      vendor,
      status: failure.statusCode,
      retryAfterMs: parseRetryAfterMs({ get: (name) => headers[name] ?? null }),
      detail: sanitizeUpstreamMessage(failure.message, context.secrets),
      contextLengthExceeded: contextLengthPattern.test(said),
      overloaded: overloadedPattern.test(said),
    });
  }
  if (hasMarker(error, 'AI_LoadAPIKeyError')) {
    return new ProviderError({ ...base, code: 'auth', message: `No API key is configured for ${vendor}` });
  }
  // Providers report a stream that ended without its finish event this way.
  if (hasMarker(error, 'AI_InvalidResponseDataError') && /without a finish/i.test(String((error as Error).message))) {
    return new ProviderError({ ...base, code: 'network', message: streamCutMessage(vendor) });
  }
  if (
    hasMarker(error, 'AI_JSONParseError') ||
    hasMarker(error, 'AI_TypeValidationError') ||
    hasMarker(error, 'AI_InvalidResponseDataError') ||
    hasMarker(error, 'AI_EmptyResponseBodyError') ||
    error instanceof SyntaxError
  ) {
    return new ProviderError({ ...base, code: 'upstream', message: `${vendor} sent a malformed stream event` });
  }
  if (isPlainErrorBody(error)) return inStreamError(error, context);
  // undici fails a body read of a dropped connection with `TypeError: terminated`.
  return interrupted(base, vendor);
}

function interrupted(base: { provider: string; cause: unknown }, vendor: string): ProviderError {
  return new ProviderError({ ...base, code: 'network', message: `The connection to ${vendor} was interrupted` });
}

/** The message for a stream that ended before its finish event. */
export function streamCutMessage(vendor: string): string {
  return `${vendor} closed the stream before the answer was complete`;
}

interface ErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
}

/** Providers pass the vendor's own error object (`{ message, type, code }`) as an `error` part's error. */
function isPlainErrorBody(error: unknown): error is ErrorBody {
  return (
    typeof error === 'object' && error !== null && !(error instanceof Error) && ('message' in error || 'type' in error)
  );
}

/** An error event inside a 200 stream: the status is implied by the vendor's type/code. */
function inStreamError(body: ErrorBody, context: AiSdkErrorContext): ProviderError {
  const raw = typeof body.message === 'string' ? body.message : '';
  const kind = `${String(body.type ?? '')} ${String(body.code ?? '')}`;
  const contextLengthExceeded = contextLengthPattern.test(`${kind} ${raw}`);
  const overloaded = overloadedPattern.test(`${kind} ${raw}`);
  const status = overloaded ? 529 : /rate_limit/i.test(kind) ? 429 : contextLengthExceeded ? 400 : 500;
  return providerErrorForStatus({
    provider: context.provider,
    vendor: context.vendor,
    status,
    detail: sanitizeUpstreamMessage(raw, context.secrets),
    contextLengthExceeded,
    inStream: true,
    cause: body,
  });
}
