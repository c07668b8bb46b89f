import type { Anthropic } from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ErrorType } from '@anthropic-ai/sdk/resources/shared';
import { ProviderError } from '../../errors/provider-error.js';
import type { ChatModel, ChatModelCallOptions, ChatModelRequest, ChatModelStreamPart } from '../chat-model.js';
import { StreamGuard, type StreamTimeoutOptions } from '../guard-provider-stream.js';
import { SseBatchReader } from '../sse-batch-reader.js';
import { type AnthropicSdk, loadAnthropicSdk } from './load-anthropic-sdk.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { toAnthropicMessages } from './to-anthropic-messages.js';

/** Everything {@link AnthropicChatModel} needs besides the SDK client. */
export interface AnthropicChatModelConfig extends StreamTimeoutOptions {
  modelId: string;
  /** Sent as `max_tokens` (which the API requires) when the request names none. */
  maxOutputTokens: number;
  contextWindow?: number;
  /** Values that must never appear in an error message. */
  secrets: Array<string | undefined>;
}

/**
 * The SDK client of an {@link AnthropicChatModel}: a client, or a function that makes one from the SDK
 * module once it is loaded (the SDK is imported on the model's first use, see {@link AnthropicChatModel.warmUp}).
 */
export type AnthropicClientSource = Anthropic | ((sdk: AnthropicSdk) => Anthropic);

/** A {@link ChatModel} over Anthropic's Messages streaming API through the official `@anthropic-ai/sdk`. */
export class AnthropicChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'anthropic';
  readonly modelId: string;
  readonly contextWindow: number | undefined;
  readonly maxOutputTokens: number;

  #client: Anthropic | undefined;

  constructor(
    private readonly clientSource: AnthropicClientSource,
    private readonly config: AnthropicChatModelConfig,
  ) {
    this.modelId = config.modelId;
    this.contextWindow = config.contextWindow;
    this.maxOutputTokens = config.maxOutputTokens;
  }

  doStream(request: ChatModelRequest, options: ChatModelCallOptions = {}): AsyncIterable<ChatModelStreamPart> {
    return this.streamParts(request, options.signal);
  }

  /** Loads the SDK and makes the client ahead of the first request (a server calls it after listening). */
  async warmUp(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<{ sdk: AnthropicSdk; client: Anthropic }> {
    const sdk = await loadAnthropicSdk(this.provider);
    const source = this.clientSource;
    this.#client ??= typeof source === 'function' ? source(sdk) : source;
    return { sdk, client: this.#client };
  }

  private buildBody(request: ChatModelRequest): MessageCreateParamsStreaming {
    const body: MessageCreateParamsStreaming = {
      model: this.modelId,
      max_tokens: request.maxOutputTokens ?? this.maxOutputTokens,
      messages: toAnthropicMessages(request.messages),
      stream: true,
    };
    if (request.system) body.system = request.system;
    // No `temperature`: the Messages API version this SDK speaks deprecated it and its types dropped it.
    if (request.stopSequences?.length) body.stop_sequences = request.stopSequences;
    return body;
  }

  /**
   * The SDK builds and sends the request, retries, and throws the HTTP status errors; the body is read
   * here (see {@link SseBatchReader}) with the stream guard inline: one async-generator hop per token.
   */
  private async *streamParts(
    request: ChatModelRequest,
    outer: AbortSignal | undefined,
  ): AsyncGenerator<ChatModelStreamPart> {
    const { secrets } = this.config;
    let sdk: AnthropicSdk | undefined;
    const guard = new StreamGuard({
      provider: this.provider,
      vendor: 'Anthropic',
      signal: outer,
      firstTokenTimeoutMs: this.config.firstTokenTimeoutMs,
      idleTimeoutMs: this.config.idleTimeoutMs,
      mapError: (error) => mapAnthropicError(error, { provider: this.provider, secrets, sdk }),
    });
    let reader: SseBatchReader | undefined;
    let inputTokens = 0;
    let outputTokens = 0;
    let stopReason: string | undefined;
    const toolCalls = new Map<number, string>();
    try {
      const connected = await this.#connect();
      sdk = connected.sdk;
      const response = await connected.client.messages
        .create(this.buildBody(request), { signal: guard.signal })
        .asResponse();
      if (!response.body) throw new sdk.AnthropicError('Attempted to iterate over a response with no body');
      reader = new SseBatchReader(response.body);
      read: for (;;) {
        guard.wait();
        const batch = await reader.read();
        guard.ready();
        if (batch === null) break;
        for (const sse of batch) {
          // Aborted or timed out while the consumer held the previous part: stop before the next one.
          if (guard.stopped) break read;
          // As the SDK: unnamed events and pings are skipped; `event: error` is an APIError without a status.
          if (sse.event === undefined || sse.event === 'ping') continue;
          if (sse.event === 'error') {
            const body = parseOrKeep(sse.data);
            const type = (body as { error?: { type?: ErrorType } } | null)?.error?.type;
            throw new sdk.APIError(undefined, body as object, undefined, response.headers, type);
          }
          const event = JSON.parse(sse.data) as RawMessageStreamEvent;
          switch (event.type) {
            case 'message_start': {
              const usage = event.message.usage;
              // Cached prompt tokens are prompt tokens too (OpenAI's prompt_tokens counts them the same way).
              inputTokens =
                usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
              outputTokens = usage.output_tokens;
              yield {
                type: 'response-metadata',
                id: event.message.id,
                modelId: event.message.model,
                provider: this.provider,
              };
              break;
            }
            case 'content_block_start':
              if (event.content_block.type === 'tool_use') {
                guard.started();
                toolCalls.set(event.index, event.content_block.id);
                yield {
                  type: 'tool-call-delta',
                  toolCallId: event.content_block.id,
                  toolName: event.content_block.name,
                  argsDelta: '',
                };
              }
              break;
            case 'content_block_delta':
              if (event.delta.type === 'text_delta' && event.delta.text) {
                guard.started();
                yield { type: 'text-delta', text: event.delta.text };
              } else if (event.delta.type === 'input_json_delta') {
                guard.started();
                const id = toolCalls.get(event.index) ?? `toolu_${event.index}`;
                yield { type: 'tool-call-delta', toolCallId: id, argsDelta: event.delta.partial_json };
              }
              break;
            case 'message_delta':
              // message_delta usage is cumulative; newer API versions repeat the input counts there too.
              if (event.usage.output_tokens != null) outputTokens = event.usage.output_tokens;
              if (event.usage.input_tokens != null && event.usage.input_tokens > 0) {
                inputTokens =
                  event.usage.input_tokens +
                  (event.usage.cache_creation_input_tokens ?? 0) +
                  (event.usage.cache_read_input_tokens ?? 0);
              }
              if (event.delta.stop_reason) stopReason = event.delta.stop_reason;
              break;
            default:
              break;
          }
        }
      }
    } catch (error) {
      throw guard.fail(error);
    } finally {
      // Breaking out, a timeout or an error before the end: close the body, and with it the request.
      reader?.cancel();
      guard.dispose();
    }
    guard.assertNotStopped();
    // A body that ends without a stop_reason, message_stop or not, was cut.
    if (stopReason === undefined) {
      throw new ProviderError({
        code: 'network',
        provider: this.provider,
        message: 'Anthropic closed the stream before the answer was complete',
      });
    }
    yield { type: 'usage', usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens } };
    yield { type: 'finish', finishReason: mapAnthropicStopReason(stopReason), rawFinishReason: stopReason };
  }
}

/** The event's JSON, or its raw text when it is not JSON (as the SDK does for `event: error`). */
function parseOrKeep(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
