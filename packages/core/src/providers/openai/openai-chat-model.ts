import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors/provider-error.js';
import type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelRequest,
  ChatModelStreamPart,
  TokenUsage,
} from '../chat-model.js';
import { guardProviderStream, type StreamTimeoutOptions } from '../guard-provider-stream.js';
import { mapOpenAIError } from './map-openai-error.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

/** Per-model settings shared by OpenAI, Azure OpenAI and OpenAI-compatible servers. */
export interface OpenAIChatModelSettings extends StreamTimeoutOptions {
  /** Ask for the usage chunk (`stream_options.include_usage`). Default true; turn off for servers that reject it. */
  includeUsage?: boolean;
  /**
   * Which request field carries the output limit. OpenAI deprecated `max_tokens` in favour of
   * `max_completion_tokens` (required by reasoning models); many compatible servers only know `max_tokens`.
   */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  /** Context window in tokens, for prompt trimming. */
  contextWindow?: number;
  /** Default output limit when the request names none. */
  maxOutputTokens?: number;
}

/** Everything {@link OpenAIChatModel} needs besides the SDK client. */
export interface OpenAIChatModelConfig extends OpenAIChatModelSettings {
  /** `openai`, `azure` or `openai-compatible`. */
  provider: string;
  /** Vendor name used in error messages. */
  vendor: string;
  /** Model name, or the deployment name on Azure. */
  modelId: string;
  /** Values that must never appear in an error message. */
  secrets: Array<string | undefined>;
}

/**
 * A {@link ChatModel} over the Chat Completions streaming API of the official `openai` SDK. One class
 * serves OpenAI, Azure OpenAI (through the SDK's `AzureOpenAI` client) and OpenAI-compatible servers.
 */
export class OpenAIChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly contextWindow: number | undefined;
  readonly maxOutputTokens: number | undefined;

  constructor(
    private readonly client: OpenAI,
    private readonly config: OpenAIChatModelConfig,
  ) {
    this.provider = config.provider;
    this.modelId = config.modelId;
    this.contextWindow = config.contextWindow;
    this.maxOutputTokens = config.maxOutputTokens;
  }

  doStream(request: ChatModelRequest, options: ChatModelCallOptions = {}): AsyncIterable<ChatModelStreamPart> {
    const { provider, vendor, secrets } = this.config;
    return guardProviderStream(
      {
        provider,
        vendor,
        signal: options.signal,
        firstTokenTimeoutMs: this.config.firstTokenTimeoutMs,
        idleTimeoutMs: this.config.idleTimeoutMs,
        mapError: (error) => mapOpenAIError(error, { provider, vendor, secrets }),
      },
      (signal) => this.streamParts(request, signal),
    );
  }

  private buildBody(request: ChatModelRequest): ChatCompletionCreateParamsStreaming {
    const messages: ChatCompletionMessageParam[] = [];
    if (request.system) messages.push({ role: 'system', content: request.system });
    for (const message of request.messages) messages.push({ role: message.role, content: message.content });
    const body: ChatCompletionCreateParamsStreaming = { model: this.modelId, messages, stream: true };
    if (this.config.includeUsage !== false) body.stream_options = { include_usage: true };
    const maxTokens = request.maxOutputTokens ?? this.maxOutputTokens;
    if (maxTokens !== undefined) body[this.config.maxTokensParam ?? 'max_completion_tokens'] = maxTokens;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.stopSequences?.length) body.stop = request.stopSequences;
    return body;
  }

  private async *streamParts(request: ChatModelRequest, signal: AbortSignal): AsyncGenerator<ChatModelStreamPart> {
    const stream = await this.client.chat.completions.create(this.buildBody(request), { signal });
    let finishReason: string | undefined;
    let usage: TokenUsage | undefined;
    let metadataSent = false;
    const toolCallIds = new Map<number, string>();
    for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
      // Azure's first chunk (prompt filter results) has an empty id, model and `choices`.
      if (!metadataSent && chunk.id) {
        metadataSent = true;
        yield {
          type: 'response-metadata',
          id: chunk.id,
          modelId: chunk.model || this.modelId,
          provider: this.provider,
        };
      }
      if (chunk.usage) usage = toTokenUsage(chunk.usage);
      for (const choice of chunk.choices ?? []) {
        if (choice.index !== 0) continue;
        const delta = choice.delta;
        if (delta?.content) yield { type: 'text-delta', text: delta.content };
        for (const call of delta?.tool_calls ?? []) {
          const id = call.id ?? toolCallIds.get(call.index) ?? `call_${call.index}`;
          toolCallIds.set(call.index, id);
          yield {
            type: 'tool-call-delta',
            toolCallId: id,
            toolName: call.function?.name,
            argsDelta: call.function?.arguments ?? '',
          };
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
    }
    // The SDK ends quietly when the body ends, `[DONE]` or not; a stream without a finish_reason was cut.
    if (finishReason === undefined) {
      throw new ProviderError({
        code: 'network',
        provider: this.provider,
        message: `${this.config.vendor} closed the stream before the answer was complete`,
      });
    }
    if (usage) yield { type: 'usage', usage };
    yield { type: 'finish', finishReason: mapOpenAIFinishReason(finishReason), rawFinishReason: finishReason };
  }
}

function toTokenUsage(usage: NonNullable<ChatCompletionChunk['usage']>): TokenUsage {
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: usage.total_tokens ?? inputTokens + outputTokens };
}
