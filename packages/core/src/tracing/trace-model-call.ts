import { type Attributes, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ProviderError } from '../errors/provider-error.js';
import type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelRequest,
  ChatModelStreamPart,
  FallbackEvent,
} from '../providers/chat-model.js';
import { errorType } from './error-type.js';
import {
  ATTR_ABORTED,
  ATTR_ERROR_TYPE,
  ATTR_FALLBACK_RETRY_AFTER_MS,
  ATTR_FALLBACK_TO_MODEL,
  ATTR_FALLBACK_TO_PROVIDER,
  ATTR_FALLBACK_UPSTREAM_STATUS,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_MODEL_ALIAS,
  ATTR_MODEL_PURPOSE,
  CORE_TRACER_NAME,
  EVENT_PROVIDER_FALLBACK,
} from './gen-ai-attributes.js';
import { genAiFinishReason, genAiProviderName } from './gen-ai-provider-name.js';

/** What a model-call span says beyond the model and the request. */
export interface ModelCallTrace {
  /** What the call is for (`company_chat.model.purpose`): the engine's are `answer`, `query-rewrite` and `completion`. */
  purpose: 'answer' | 'query-rewrite' | 'completion' | (string & {});
  /** The alias the model was resolved from (`company_chat.model.alias`). */
  alias?: string;
  /** `gen_ai.conversation.id`. */
  conversationId?: string;
}

/**
 * Streams `model.doStream(request, options)` inside a GenAI inference span (`chat {model}`, kind
 * CLIENT): request settings at the start; response model and id, usage, finish reason and time to
 * first chunk as they arrive; each fallback of a `router()` as a `company_chat.provider.fallback`
 * event; the provider error code as `error.type`. The span is a child of the active context and is the
 * active one while the model runs, so instrumented HTTP clients nest under it.
 * With no tracer provider registered (or the span sampled out) the model's own stream is returned as
 * is: tracing costs nothing per part then. The engine traces its own calls; use this for calls of your
 * own to a {@link ChatModel}.
 *
 * @example
 * ```ts
 * const parts = traceModelCall(model, { messages: [{ role: 'user', content: 'Hi' }] }, {}, { purpose: 'answer' });
 * for await (const part of parts) if (part.type === 'text-delta') process.stdout.write(part.text);
 * ```
 */
export function traceModelCall(
  model: ChatModel,
  request: ChatModelRequest,
  options: ChatModelCallOptions,
  info: ModelCallTrace,
): AsyncIterable<ChatModelStreamPart> {
  const span = trace.getTracer(CORE_TRACER_NAME).startSpan(`chat ${model.modelId}`, {
    kind: model.provider === 'offline' ? SpanKind.INTERNAL : SpanKind.CLIENT,
    attributes: requestAttributes(model, request, info),
  });
  if (!span.isRecording()) {
    span.end();
    return model.doStream(request, options);
  }
  return traced(span, model, request, options);
}

function requestAttributes(model: ChatModel, request: ChatModelRequest, info: ModelCallTrace): Attributes {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
    [ATTR_GEN_AI_PROVIDER_NAME]: genAiProviderName(model.provider),
    [ATTR_GEN_AI_REQUEST_MODEL]: model.modelId,
    [ATTR_GEN_AI_REQUEST_STREAM]: true,
    [ATTR_MODEL_PURPOSE]: info.purpose,
  };
  if (info.alias !== undefined) attributes[ATTR_MODEL_ALIAS] = info.alias;
  if (info.conversationId !== undefined) attributes[ATTR_GEN_AI_CONVERSATION_ID] = info.conversationId;
  if (request.maxOutputTokens !== undefined) attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS] = request.maxOutputTokens;
  if (request.temperature !== undefined) attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE] = request.temperature;
  if (request.stopSequences?.length) attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = request.stopSequences;
  return attributes;
}

async function* traced(
  span: Span,
  model: ChatModel,
  request: ChatModelRequest,
  options: ChatModelCallOptions,
): AsyncGenerator<ChatModelStreamPart> {
  const active = trace.setSpan(context.active(), span);
  const started = performance.now();
  let firstChunk = true;
  let finishReason: string | undefined;
  const onFallback = (event: FallbackEvent) => {
    span.addEvent(EVENT_PROVIDER_FALLBACK, fallbackAttributes(event));
    options.onFallback?.(event);
  };
  const parts = model.doStream(request, { ...options, onFallback })[Symbol.asyncIterator]();
  let innerDone = false;
  try {
    for (;;) {
      // Each pull runs in the span's context: the provider's HTTP request starts (and is instrumented,
      // when the host instruments fetch) inside it, not in the caller's.
      const result = await context.with(active, () => parts.next());
      if (result.done) {
        innerDone = true;
        break;
      }
      const part = result.value;
      if (part.type === 'text-delta' && firstChunk) {
        firstChunk = false;
        span.setAttribute(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, (performance.now() - started) / 1000);
      } else if (part.type === 'response-metadata') {
        if (part.provider) span.setAttribute(ATTR_GEN_AI_PROVIDER_NAME, genAiProviderName(part.provider));
        if (part.modelId) span.setAttribute(ATTR_GEN_AI_RESPONSE_MODEL, part.modelId);
        if (part.id) span.setAttribute(ATTR_GEN_AI_RESPONSE_ID, part.id);
      } else if (part.type === 'usage') {
        span.setAttribute(ATTR_GEN_AI_USAGE_INPUT_TOKENS, part.usage.inputTokens);
        span.setAttribute(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, part.usage.outputTokens);
      } else if (part.type === 'finish') {
        finishReason = genAiFinishReason(part.finishReason);
      }
      yield part;
    }
    // A stream that ended without saying why ended normally as far as the provider is concerned.
    span.setAttribute(ATTR_GEN_AI_RESPONSE_FINISH_REASONS, [finishReason ?? 'stop']);
  } catch (error) {
    innerDone = true;
    // The conventions: a generation that failed or was cancelled reports `error` as its finish reason.
    span.setAttribute(ATTR_GEN_AI_RESPONSE_FINISH_REASONS, ['error']);
    if (options.signal?.aborted) {
      span.setAttribute(ATTR_ABORTED, true);
    } else {
      recordFailure(span, error);
    }
    throw error;
  } finally {
    if (!innerDone) {
      // The consumer stopped early (the client went away): close the upstream request too.
      span.setAttributes({ [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['error'], [ATTR_ABORTED]: true });
      await parts.return?.();
    }
    span.end();
  }
}

function fallbackAttributes({ from, error, to }: FallbackEvent): Attributes {
  const attributes: Attributes = {
    [ATTR_GEN_AI_PROVIDER_NAME]: genAiProviderName(from.provider),
    [ATTR_GEN_AI_REQUEST_MODEL]: from.modelId,
    [ATTR_ERROR_TYPE]: error.code,
    [ATTR_FALLBACK_TO_PROVIDER]: genAiProviderName(to.provider),
    [ATTR_FALLBACK_TO_MODEL]: to.modelId,
  };
  if (error.upstreamStatus !== undefined) attributes[ATTR_FALLBACK_UPSTREAM_STATUS] = error.upstreamStatus;
  if (error.retryAfterMs !== undefined) attributes[ATTR_FALLBACK_RETRY_AFTER_MS] = error.retryAfterMs;
  return attributes;
}

/** `error.type` is our stable error code. */
function recordFailure(span: Span, error: unknown): void {
  if (ProviderError.isInstance(error)) {
    // The provider that failed last: for a router whose every route failed, not `router`.
    span.setAttributes({
      [ATTR_ERROR_TYPE]: error.code,
      [ATTR_GEN_AI_PROVIDER_NAME]: genAiProviderName(error.provider),
    });
  } else {
    span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
  }
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
