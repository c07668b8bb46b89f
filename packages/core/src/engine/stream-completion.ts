import type { MessageStatus } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { ProviderError } from '../errors/provider-error.js';
import type { ChatModel, ChatModelRequest, FinishReason, TokenUsage } from '../providers/chat-model.js';
import type { Instrumentation } from '../telemetry/instrumentation.js';
import { traceModelCall } from '../tracing/trace-model-call.js';
import type { CompletionEvent } from './chat-engine.js';
import type { Logger } from './logger.js';
import { fallbackLogger } from './stream-answer.js';
import { type PublicError, toPublicError } from './to-public-error.js';

/** Everything needed to stream one stateless completion. */
export interface StreamCompletionInput {
  model: ChatModel;
  /** The alias the caller named (echoed in `message-start`). */
  alias: string;
  completionId: string;
  request: ChatModelRequest;
  /** Aborted by the caller (→ `aborted`) or by shutdown (→ `error`, see `shutdownSignal`). */
  signal: AbortSignal;
  shutdownSignal: AbortSignal;
  logger: Logger;
  requestId?: string | undefined;
  /** Told of the completion's start and end and of provider failures, as for stored answers (metrics). */
  instrumentation?: Instrumentation | undefined;
}

/**
 * Streams a model's answer to a caller-built prompt without storing anything: `message-start`, the text
 * and tool-call pieces, `usage`, and always `message-end` (after an `error` when the provider failed),
 * so whoever meters it learns how it ended. Fallbacks and failures are logged as for stored answers.
 */
export async function* streamCompletion(
  input: StreamCompletionInput,
): AsyncGenerator<CompletionEvent, void, undefined> {
  const { logger, requestId, completionId: messageId, instrumentation } = input;
  const started = performance.now();
  let provider: string = input.model.provider;
  let providerModel: string = input.model.modelId;
  let usage: TokenUsage | null = null;
  let finishReason: FinishReason | null = null;
  let firstTokenMs: number | null = null;
  let status: Exclude<MessageStatus, 'streaming'> = 'aborted';
  let error: PublicError | null = null;
  const onFallback = fallbackLogger(logger, () => ({ requestId, completionId: messageId }), instrumentation);

  instrumentation?.record({ type: 'answer-start', provider, providerModel });
  yield { type: 'message-start', messageId, model: input.alias };
  try {
    // The same GenAI span as a stored answer's model call (purpose `completion`), fallbacks as its events.
    const parts = traceModelCall(
      input.model,
      input.request,
      { signal: input.signal, onFallback },
      { purpose: 'completion', alias: input.alias },
    );
    for await (const part of parts) {
      if (part.type === 'text-delta') {
        if (part.text.length === 0) continue;
        firstTokenMs ??= Math.round(performance.now() - started);
        yield { type: 'text-delta', messageId, delta: part.text };
      } else if (part.type === 'tool-call-delta') {
        firstTokenMs ??= Math.round(performance.now() - started);
        const { toolCallId, toolName, argsDelta } = part;
        yield { type: 'tool-call-delta', messageId, toolCallId, argsDelta, ...(toolName ? { toolName } : {}) };
      } else if (part.type === 'usage') {
        usage = part.usage;
        yield { type: 'usage', messageId, usage };
      } else if (part.type === 'finish') finishReason = part.finishReason;
      else if (part.type === 'response-metadata') {
        const meta = part as { provider?: string; modelId?: string };
        if (meta.provider) provider = meta.provider;
        if (meta.modelId) providerModel = meta.modelId;
      }
    }
    if (input.signal.aborted) throw input.signal.reason;
    status = 'complete';
  } catch (caught) {
    if (input.shutdownSignal.aborted) {
      status = 'error';
      error = toPublicError(
        new CompanyChatError({ code: 'shutting_down', message: 'The server is shutting down.', isRetryable: true }),
      );
    } else if (!input.signal.aborted) {
      status = 'error';
      error = toPublicError(caught);
      if (ProviderError.isInstance(caught)) {
        instrumentation?.record({
          type: 'provider-error',
          provider: caught.provider,
          providerModel,
          code: caught.code,
        });
        logger.warn('provider failed', {
          requestId,
          completionId: messageId,
          provider: caught.provider,
          code: caught.code,
          message: caught.message,
          upstreamStatus: caught.upstreamStatus,
          afterText: firstTokenMs !== null,
        });
      } else if (error.code === 'internal') {
        logger.error('completion failed', { requestId, completionId: messageId, error: String(caught) });
      }
    }
  }
  const durationMs = Math.round(performance.now() - started);
  instrumentation?.record({
    type: 'answer-end',
    provider,
    providerModel,
    status,
    usage,
    timeToFirstTokenMs: firstTokenMs,
    durationMs,
  });
  if (error) yield { type: 'error', messageId, error };
  yield { type: 'message-end', messageId, status, finishReason, usage, timeToFirstTokenMs: firstTokenMs, durationMs };
}
