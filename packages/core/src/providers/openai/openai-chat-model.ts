import type { OpenAI } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors/provider-error.js';
import type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelMessage,
  ChatModelRequest,
  ChatModelStreamPart,
  TokenUsage,
} from '../chat-model.js';
import { StreamGuard, type StreamTimeoutOptions } from '../guard-provider-stream.js';
import { SseBatchReader } from '../sse-batch-reader.js';
import { loadOpenAISdk, type OpenAISdk } from './load-openai-sdk.js';
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
 * The SDK client of an {@link OpenAIChatModel}: a client, or a function that makes one from the SDK
 * module once it is loaded (the SDK is imported on the model's first use, see {@link OpenAIChatModel.warmUp}).
 */
export type OpenAIClientSource = OpenAI | ((sdk: OpenAISdk) => OpenAI);

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
  readonly supportsTools = true;

  #client: OpenAI | undefined;

  constructor(
    private readonly clientSource: OpenAIClientSource,
    private readonly config: OpenAIChatModelConfig,
  ) {
    this.provider = config.provider;
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

  async #connect(): Promise<{ sdk: OpenAISdk; client: OpenAI }> {
    const sdk = await loadOpenAISdk(this.provider);
    const source = this.clientSource;
    this.#client ??= typeof source === 'function' ? source(sdk) : source;
    return { sdk, client: this.#client };
  }

  private buildBody(request: ChatModelRequest): ChatCompletionCreateParamsStreaming {
    const messages: ChatCompletionMessageParam[] = [];
    if (request.system) messages.push({ role: 'system', content: request.system });
    for (const message of request.messages) messages.push(toOpenAIMessage(message));
    const body: ChatCompletionCreateParamsStreaming = { model: this.modelId, messages, stream: true };
    if (this.config.includeUsage !== false) body.stream_options = { include_usage: true };
    const maxTokens = request.maxOutputTokens ?? this.maxOutputTokens;
    if (maxTokens !== undefined) body[this.config.maxTokensParam ?? 'max_completion_tokens'] = maxTokens;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.stopSequences?.length) body.stop = request.stopSequences;
    if (request.tools?.length) {
      body.tools = request.tools.map((tool) => ({
        type: 'function',
        function: {
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          ...(tool.parameters === undefined ? {} : { parameters: tool.parameters }),
          ...(tool.strict === undefined ? {} : { strict: tool.strict }),
        },
      }));
    }
    if (request.toolChoice !== undefined) {
      body.tool_choice =
        typeof request.toolChoice === 'string'
          ? request.toolChoice
          : { type: 'function', function: { name: request.toolChoice.name } };
    }
    return body;
  }

  /**
   * The SDK builds and sends the request, retries, and throws the HTTP status errors; the body is read
   * here (see {@link SseBatchReader}) with the stream guard inline: one async-generator hop per token
   * between the socket and the engine.
   */
  private async *streamParts(
    request: ChatModelRequest,
    outer: AbortSignal | undefined,
  ): AsyncGenerator<ChatModelStreamPart> {
    const { provider, vendor, secrets } = this.config;
    let sdk: OpenAISdk | undefined;
    const guard = new StreamGuard({
      provider,
      vendor,
      signal: outer,
      firstTokenTimeoutMs: this.config.firstTokenTimeoutMs,
      idleTimeoutMs: this.config.idleTimeoutMs,
      mapError: (error) => mapOpenAIError(error, { provider, vendor, secrets, sdk }),
    });
    let reader: SseBatchReader | undefined;
    let finishReason: string | undefined;
    let usage: TokenUsage | undefined;
    let metadataSent = false;
    let doneSeen = false;
    const toolCallIds = new Map<number, string>();
    try {
      const connected = await this.#connect();
      sdk = connected.sdk;
      const response = await connected.client.chat.completions
        .create(this.buildBody(request), { signal: guard.signal })
        .asResponse();
      if (!response.body) throw new sdk.OpenAIError('Attempted to iterate over a response with no body');
      reader = new SseBatchReader(response.body);
      read: for (;;) {
        guard.wait();
        const events = await reader.read();
        guard.ready();
        if (events === null) break;
        // The text of one read is one part: the engine stores, meters and relays it once per read, not
        // once per token (the text is the same).
        let text = '';
        try {
          for (const event of events) {
            // Aborted or timed out while the consumer held the previous part: stop before the next one.
            if (guard.stopped) break read;
            // As the SDK: `[DONE]` ends the answer; anything after it is read but ignored.
            if (doneSeen) continue;
            if (event.data.startsWith('[DONE]')) {
              doneSeen = true;
              continue;
            }
            const chunk = JSON.parse(event.data) as ChatCompletionChunk & { error?: object };
            if (chunk.error) throw new sdk.APIError(undefined, chunk.error, undefined, response.headers);
            // Azure's first chunk (prompt filter results) has an empty id, model and `choices`.
            if (!metadataSent && chunk.id) {
              metadataSent = true;
              yield { type: 'response-metadata', id: chunk.id, modelId: chunk.model || this.modelId, provider };
            }
            if (chunk.usage) usage = toTokenUsage(chunk.usage);
            const choices = chunk.choices;
            if (!choices) continue;
            for (let i = 0; i < choices.length; i++) {
              const choice = choices[i]!;
              if (choice.index !== 0) continue;
              const delta = choice.delta;
              if (delta?.content) {
                guard.started();
                text += delta.content;
              }
              if (delta?.tool_calls) {
                guard.started();
                if (text) yield { type: 'text-delta', text };
                text = '';
                for (const call of delta.tool_calls) {
                  const id = call.id ?? toolCallIds.get(call.index) ?? `call_${call.index}`;
                  toolCallIds.set(call.index, id);
                  yield {
                    type: 'tool-call-delta',
                    toolCallId: id,
                    toolName: call.function?.name,
                    argsDelta: call.function?.arguments ?? '',
                  };
                }
              }
              if (choice.finish_reason) finishReason = choice.finish_reason;
            }
          }
        } catch (error) {
          // The text the read brought before the failure is part of the (partial) answer.
          if (text) yield { type: 'text-delta', text };
          throw error;
        }
        if (text) yield { type: 'text-delta', text };
      }
    } catch (error) {
      throw guard.fail(error);
    } finally {
      // Breaking out, a timeout or an error before the end: close the body, and with it the request.
      reader?.cancel();
      guard.dispose();
    }
    guard.assertNotStopped();
    // A body that ends without a finish_reason, `[DONE]` or not, was cut.
    if (finishReason === undefined) {
      throw new ProviderError({
        code: 'network',
        provider,
        message: `${vendor} closed the stream before the answer was complete`,
      });
    }
    if (usage) yield { type: 'usage', usage };
    yield { type: 'finish', finishReason: mapOpenAIFinishReason(finishReason), rawFinishReason: finishReason };
  }
}

/** A prompt turn as a Chat Completions message: tool results are `tool` messages, tool calls ride on the assistant's. */
function toOpenAIMessage(message: ChatModelMessage): ChatCompletionMessageParam {
  if (message.toolCallId !== undefined) {
    return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function toTokenUsage(usage: NonNullable<ChatCompletionChunk['usage']>): TokenUsage {
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: usage.total_tokens ?? inputTokens + outputTokens };
}
