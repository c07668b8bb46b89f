import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { ProviderError } from '../../errors/provider-error.js';
import type { ChatModel, ChatModelCallOptions, ChatModelRequest, ChatModelStreamPart } from '../chat-model.js';
import { guardProviderStream, type StreamTimeoutOptions } from '../guard-provider-stream.js';
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

/** A {@link ChatModel} over Anthropic's Messages streaming API through the official `@anthropic-ai/sdk`. */
export class AnthropicChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'anthropic';
  readonly modelId: string;
  readonly contextWindow: number | undefined;
  readonly maxOutputTokens: number;

  constructor(
    private readonly client: Anthropic,
    private readonly config: AnthropicChatModelConfig,
  ) {
    this.modelId = config.modelId;
    this.contextWindow = config.contextWindow;
    this.maxOutputTokens = config.maxOutputTokens;
  }

  doStream(request: ChatModelRequest, options: ChatModelCallOptions = {}): AsyncIterable<ChatModelStreamPart> {
    const { secrets } = this.config;
    return guardProviderStream(
      {
        provider: this.provider,
        vendor: 'Anthropic',
        signal: options.signal,
        firstTokenTimeoutMs: this.config.firstTokenTimeoutMs,
        idleTimeoutMs: this.config.idleTimeoutMs,
        mapError: (error) => mapAnthropicError(error, { provider: this.provider, secrets }),
      },
      (signal) => this.streamParts(request, signal),
    );
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

  private async *streamParts(request: ChatModelRequest, signal: AbortSignal): AsyncGenerator<ChatModelStreamPart> {
    const stream = await this.client.messages.create(this.buildBody(request), { signal });
    let inputTokens = 0;
    let outputTokens = 0;
    let stopReason: string | undefined;
    const toolCalls = new Map<number, string>();
    for await (const event of stream as AsyncIterable<RawMessageStreamEvent>) {
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
          if (event.delta.type === 'text_delta' && event.delta.text)
            yield { type: 'text-delta', text: event.delta.text };
          else if (event.delta.type === 'input_json_delta') {
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
    // The SDK ends quietly when the body ends, message_stop or not; without a stop_reason the stream was cut.
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
