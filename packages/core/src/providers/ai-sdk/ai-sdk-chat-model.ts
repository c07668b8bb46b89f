import { ProviderError } from '../../errors/provider-error.js';
import type { ChatModel, ChatModelCallOptions, ChatModelRequest, ChatModelStreamPart } from '../chat-model.js';
import { StreamGuard, type StreamTimeoutOptions } from '../guard-provider-stream.js';
import type { AiSdkFinishPart, AiSdkLanguageModel, AiSdkStreamPart } from './ai-sdk-language-model.js';
import { mapAiSdkError, streamCutMessage } from './map-ai-sdk-error.js';
import { type AiSdkFinish, mapAiSdkFinish } from './map-ai-sdk-finish.js';
import { toAiSdkCallOptions } from './to-ai-sdk-prompt.js';

/** Options of {@link fromAiSdk}. */
export interface FromAiSdkOptions extends StreamTimeoutOptions {
  /** The provider name we report (usage records, logs). Default: the AI SDK model's `provider`, e.g. `google.generative-ai`. */
  provider?: string;
  /** Vendor name used in error messages (server log only). Default: the provider name. */
  vendor?: string;
  /** Context window in tokens, for prompt trimming. The AI SDK does not publish it. */
  contextWindow?: number;
  /** Default output limit when the request names none. */
  maxOutputTokens?: number;
  /** Values that must never appear in an error message (the API key the model was built with). */
  secrets?: Array<string | undefined>;
}

type TextDelta = { type: 'text-delta'; id?: string; delta: string };
type ToolInputStart = { type: 'tool-input-start'; id: string; toolName: string };
type ToolInputDelta = { type: 'tool-input-delta'; id: string; delta: string };
type ToolCall = { type: 'tool-call'; toolCallId: string; toolName: string; input: string };
type Metadata = { type: 'response-metadata'; id?: string; modelId?: string };

/**
 * A {@link ChatModel} over a Vercel AI SDK language model (spec `v2`, `v3` or `v4`). Text parts of
 * every id are concatenated in stream order; usage from the AI SDK's `finish` part becomes our `usage`
 * part; `error` parts and thrown errors become {@link ProviderError}s.
 */
export class AiSdkChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly contextWindow: number | undefined;
  readonly maxOutputTokens: number | undefined;
  private readonly vendor: string;

  constructor(
    private readonly model: AiSdkLanguageModel,
    private readonly options: FromAiSdkOptions = {},
  ) {
    const version = (model as { specificationVersion?: unknown }).specificationVersion;
    if (version !== 'v2' && version !== 'v3' && version !== 'v4') {
      throw new TypeError(
        `fromAiSdk() supports AI SDK language models of specification v2, v3 and v4; got ${String(version)}`,
      );
    }
    this.provider = options.provider ?? model.provider;
    this.vendor = options.vendor ?? this.provider;
    this.modelId = model.modelId;
    this.contextWindow = options.contextWindow;
    this.maxOutputTokens = options.maxOutputTokens;
  }

  doStream(request: ChatModelRequest, options: ChatModelCallOptions = {}): AsyncIterable<ChatModelStreamPart> {
    return this.streamParts(request, options.signal);
  }

  private async *streamParts(
    request: ChatModelRequest,
    outer: AbortSignal | undefined,
  ): AsyncGenerator<ChatModelStreamPart> {
    const { provider, vendor } = this;
    const context = { provider, vendor, secrets: this.options.secrets ?? [] };
    const guard = new StreamGuard({
      provider,
      vendor,
      signal: outer,
      firstTokenTimeoutMs: this.options.firstTokenTimeoutMs,
      idleTimeoutMs: this.options.idleTimeoutMs,
      mapError: (error) => mapAiSdkError(error, context),
    });
    let reader: ReadableStreamDefaultReader<AiSdkStreamPart> | undefined;
    // A model that ignores `abortSignal` still stops: the abort cancels our read of its stream.
    const stopReading = (): void => void reader?.cancel(guard.signal.reason).catch(() => {});
    guard.signal.addEventListener('abort', stopReading, { once: true });
    let metadataSent = false;
    let finish: AiSdkFinish | undefined;
    const toolNames = new Map<string, string>();
    const metadata = (part?: Metadata): ChatModelStreamPart => {
      metadataSent = true;
      return { type: 'response-metadata', id: part?.id, modelId: part?.modelId ?? this.modelId, provider };
    };
    try {
      const options = { ...toAiSdkCallOptions(request, this), abortSignal: guard.signal };
      guard.wait();
      const { stream } = await untilAborted(this.model.doStream(options), guard.signal);
      reader = stream.getReader();
      if (guard.signal.aborted) stopReading();
      for (;;) {
        guard.wait();
        const next = await reader.read();
        guard.ready();
        if (next.done || guard.stopped) break;
        const part = next.value;
        switch (part.type) {
          case 'response-metadata':
            if (!metadataSent) yield metadata(part as Metadata);
            break;
          case 'text-delta': {
            // V2+ name the text `delta`; the text part id is not kept (our spec has one answer text).
            const text = (part as TextDelta).delta;
            guard.started();
            if (!metadataSent) yield metadata();
            if (text) yield { type: 'text-delta', text };
            break;
          }
          case 'reasoning-delta':
            // Reasoning is not part of our spec; it still shows the model is answering.
            guard.started();
            break;
          case 'tool-input-start': {
            const start = part as ToolInputStart;
            toolNames.set(start.id, start.toolName);
            guard.started();
            break;
          }
          case 'tool-input-delta': {
            const delta = part as ToolInputDelta;
            if (!metadataSent) yield metadata();
            yield {
              type: 'tool-call-delta',
              toolCallId: delta.id,
              toolName: toolNames.get(delta.id),
              argsDelta: delta.delta,
            };
            break;
          }
          case 'tool-call': {
            // Providers that do not stream tool input send the whole call once.
            const call = part as ToolCall;
            if (toolNames.has(call.toolCallId)) break;
            guard.started();
            if (!metadataSent) yield metadata();
            yield {
              type: 'tool-call-delta',
              toolCallId: call.toolCallId,
              toolName: call.toolName,
              argsDelta: call.input,
            };
            break;
          }
          case 'error':
            throw mapAiSdkError((part as { type: 'error'; error: unknown }).error, context);
          case 'finish':
            finish = mapAiSdkFinish(part as AiSdkFinishPart);
            break;
          default:
            // stream-start (warnings), text-start/-end, sources, files, raw chunks: nothing in our spec.
            break;
        }
      }
    } catch (error) {
      throw guard.fail(error);
    } finally {
      guard.signal.removeEventListener('abort', stopReading);
      // Breaking out, a timeout or an error before the end: cancelling the stream closes the request.
      reader?.cancel().catch(() => {});
      guard.dispose();
    }
    guard.assertNotStopped();
    if (finish === undefined || finish.finishReason === 'interrupted') {
      throw new ProviderError({ code: 'network', provider, message: streamCutMessage(vendor) });
    }
    if (!metadataSent) yield metadata();
    if (finish.usage) yield { type: 'usage', usage: finish.usage };
    yield {
      type: 'finish',
      finishReason: finish.finishReason,
      ...(finish.rawFinishReason === undefined ? {} : { rawFinishReason: finish.rawFinishReason }),
    };
  }
}

/**
 * Settles with the model's stream result, or rejects with the abort reason as soon as `signal` aborts;
 * a result that arrives after that has its stream cancelled, so a model that ignores the signal does
 * not keep a request open.
 */
function untilAborted<T extends { stream: ReadableStream<unknown> }>(
  promise: PromiseLike<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) value.stream.cancel(signal.reason).catch(() => {});
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Turns any Vercel AI SDK language model (`@ai-sdk/google`, `@ai-sdk/mistral`, `@ai-sdk/amazon-bedrock`,
 * `@ai-sdk/groq`, `@ai-sdk/xai`, `ollama-ai-provider-v2`, ...) into a {@link ChatModel}. Supports the
 * AI SDK's language model specifications `v4` (AI SDK 7), `v3` (AI SDK 6) and `v2` (AI SDK 5); needs
 * no runtime import of `ai` or `@ai-sdk/provider`.
 *
 * Usage, finish reasons, errors (with the same codes as our own providers, `retryAfterMs` from the
 * response headers) and abort are mapped; the first-token and idle timeouts apply as for every provider.
 * Retries are the engine's and the router's business: the AI SDK model is called once per request.
 *
 * @example
 * ```ts
 * import { createGoogleGenerativeAI } from '@ai-sdk/google';
 * import { fromAiSdk } from '@company-chat/core/ai-sdk';
 *
 * const apiKey = process.env.GOOGLE_GENERATIVE_AI_API_KEY;
 * const google = createGoogleGenerativeAI({ apiKey });
 * const model = fromAiSdk(google('gemini-2.5-flash'), { contextWindow: 1_048_576, secrets: [apiKey] });
 * ```
 */
export function fromAiSdk(model: AiSdkLanguageModel, options: FromAiSdkOptions = {}): ChatModel {
  return new AiSdkChatModel(model, options);
}
