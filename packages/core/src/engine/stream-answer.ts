import type { ChatStore } from '../conversations/chat-store.js';
import type { MessageCitation, MessagePatch, MessageStatus, Owner } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { ProviderError } from '../errors/provider-error.js';
import type {
  ChatModel,
  ChatModelRequest,
  ChatModelStreamPart,
  FallbackEvent,
  FinishReason,
  TokenUsage,
} from '../providers/chat-model.js';
import { CitationTracker } from '../rag/answer/citation-events.js';
import type { Instrumentation } from '../telemetry/instrumentation.js';
import { type ModelCallTrace, traceModelCall } from '../tracing/trace-model-call.js';
import { AnswerCheckpointer, type CheckpointPolicy } from './answer-checkpointer.js';
import type { ChatEvent } from './chat-events.js';
import type { Logger } from './logger.js';
import { type PublicError, toPublicError } from './to-public-error.js';

/** Everything needed to stream one answer into an already-created assistant message. */
export interface StreamAnswerInput {
  store: ChatStore;
  owner: Owner;
  messageId: string;
  model: ChatModel;
  request: ChatModelRequest;
  /**
   * The model's parts, when the call was started before the answer row existed (see
   * `EarlyModelStream`); otherwise `model` is called here with `request`.
   */
  parts?: AsyncIterable<ChatModelStreamPart>;
  /**
   * The passages the model was given, numbered as in its context. Those the answer marks `[n]` are
   * announced (`citation`, just before the delta completing the first marker) and stored with it.
   */
  citations?: readonly MessageCitation[];
  /** Aborted by the client (→ `aborted`) or by shutdown (→ `error`, see `shutdownSignal`). */
  signal: AbortSignal;
  shutdownSignal: AbortSignal;
  checkpoint: CheckpointPolicy;
  logger: Logger;
  /** Told when the answer starts and ends and of provider failures, for metrics. */
  instrumentation?: Instrumentation;
  /** Names the request in log lines. */
  requestId?: string;
  /** What the model-call span says besides the model and the request (alias, conversation). */
  trace?: Omit<ModelCallTrace, 'purpose'>;
  /**
   * Writes the finished answer. True when it is stored; false when the store failed and the write goes
   * on in the background (the event `message-end` then says `savePending`). Never throws.
   */
  saveFinal: (patch: MessagePatch) => Promise<boolean>;
}

/**
 * Streams the model's answer, checkpointing it, and always finalises the stored message: `complete`,
 * `aborted` (client gone), or `error` (provider failure or shutdown) with the partial text kept.
 * `message-end` always follows, also when the store is down at that moment (`savePending`).
 * If the consumer stops iterating early, the `finally` block still finalises it as `aborted`.
 */
export async function* streamAnswer(input: StreamAnswerInput): AsyncGenerator<ChatEvent, void, undefined> {
  const { store, owner, messageId, logger } = input;
  const started = performance.now();
  const checkpointer = new AnswerCheckpointer(store, owner, messageId, input.checkpoint);
  let text = '';
  let usage: TokenUsage | null = null;
  let finishReason: FinishReason | null = null;
  let firstTokenMs: number | null = null;
  let provider: string = input.model.provider;
  let providerModel: string = input.model.modelId;
  let status: Exclude<MessageStatus, 'streaming'> = 'aborted';
  let error: PublicError | null = null;
  let finalised = false;
  const tracker = new CitationTracker(input.citations ?? []);
  const hasCitations = (input.citations?.length ?? 0) > 0;
  // One closure for the whole answer, not one per token.
  const currentAnswer = (): MessagePatch =>
    hasCitations ? { content: text, citations: tracker.cited } : { content: text };

  const instrumentation = input.instrumentation;
  instrumentation?.record({ type: 'answer-start', provider, providerModel });
  const finalise = async () => {
    finalised = true;
    instrumentation?.record({
      type: 'answer-end',
      provider,
      providerModel,
      status,
      usage,
      timeToFirstTokenMs: firstTokenMs,
      durationMs: Math.round(performance.now() - started),
    });
    await checkpointer.settle();
    return input.saveFinal({
      content: text,
      status,
      usage,
      finishReason,
      provider,
      providerModel,
      error: error && { code: error.code, message: error.message },
      timeToFirstTokenMs: firstTokenMs,
      durationMs: Math.round(performance.now() - started),
      ...(hasCitations ? { citations: tracker.cited } : {}),
    });
  };

  const { requestId } = input;
  // Started by the engine ahead of storing the turn (see EarlyModelStream), or here.
  const parts =
    input.parts ??
    traceModelCall(
      input.model,
      input.request,
      { signal: input.signal, onFallback: fallbackLogger(logger, () => ({ requestId, messageId }), instrumentation) },
      { ...input.trace, purpose: 'answer' },
    );

  try {
    try {
      for await (const part of parts) {
        if (part.type === 'text-delta') {
          if (part.text.length === 0) continue;
          firstTokenMs ??= Math.round(performance.now() - started);
          text += part.text;
          // Before the delta, so a client has the source when the marker appears.
          for (const citation of tracker.scan(text)) yield { type: 'citation', messageId, ...citation };
          checkpointer.onDelta(currentAnswer);
          yield { type: 'text-delta', messageId, delta: part.text };
        } else if (part.type === 'usage') {
          usage = part.usage;
          yield { type: 'usage', messageId, usage };
        } else if (part.type === 'finish') {
          finishReason = part.finishReason;
        } else if (part.type === 'response-metadata') {
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
      } else if (input.signal.aborted) {
        status = 'aborted';
      } else {
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
            messageId,
            provider: caught.provider,
            model: providerModel,
            code: caught.code,
            // The whole story for the operator (vendor, status, key advice); end users see words chosen by code.
            message: caught.message,
            upstreamStatus: caught.upstreamStatus,
            retryAfterMs: caught.retryAfterMs,
            afterText: text.length > 0,
          });
        } else if (error.code === 'internal') {
          logger.error('answer failed', { requestId, messageId, error: String(caught) });
        }
      }
    }
    const saved = await finalise();
    if (error) yield { type: 'error', messageId, error };
    yield {
      type: 'message-end',
      messageId,
      status,
      finishReason,
      usage,
      timeToFirstTokenMs: firstTokenMs,
      durationMs: Math.round(performance.now() - started),
      ...(saved ? {} : { savePending: true }),
    };
  } finally {
    // The consumer left mid-stream (generator return()): the answer is kept as aborted.
    if (!finalised) {
      status = 'aborted';
      await finalise().catch((e: unknown) =>
        logger.error('could not store aborted answer', { messageId, error: String(e) }),
      );
    }
  }
}

/**
 * Logs (and counts, with `instrumentation`) a router's fallback before the first token, with the ids the
 * operator needs to find the request: `ids()` is read when the fallback happens, so an id that exists
 * only later (the answer's) is in it.
 */
export function fallbackLogger(
  logger: Logger,
  ids: () => Record<string, string | undefined>,
  instrumentation?: Instrumentation,
): (event: FallbackEvent) => void {
  return ({ from, error, to }) => {
    instrumentation?.record({
      type: 'provider-error',
      provider: from.provider,
      providerModel: from.modelId,
      code: error.code,
      fallbackTo: { provider: to.provider, providerModel: to.modelId },
    });
    logger.warn('provider failed before the first token; falling back', {
      ...ids(),
      from: `${from.provider}/${from.modelId}`,
      to: `${to.provider}/${to.modelId}`,
      code: error.code,
      upstreamStatus: error.upstreamStatus,
      retryAfterMs: error.retryAfterMs,
    });
  };
}
