import type { ProviderError } from '../errors/provider-error.js';
import type { Locator } from '../rag/chunk/chunk.js';

/**
 * The provider specification, version 1. A ChatModel turns a prompt into a stream of parts.
 * Providers never store anything and never know about users: the engine does that.
 * Modelled on vercel/ai's LanguageModelV* spec (a versioned interface with a `doStream`).
 */

/** One turn of the prompt. System instructions travel separately in {@link ChatModelRequest.system}. */
export interface ChatModelMessage {
  role: 'user' | 'assistant';
  content: string;
  /**
   * An assistant turn that called tools (OpenAI-compatible gateway callers). Only models with
   * {@link ChatModel.supportsTools} are sent messages with tool calls or results.
   */
  toolCalls?: ChatModelToolCall[];
  /**
   * A user turn that carries the result of this tool call (OpenAI's `role: "tool"` message; Anthropic
   * sends tool results as user turns too).
   */
  toolCallId?: string;
}

/** A tool call of an assistant turn: the function and its arguments as the model wrote them (JSON text). */
export interface ChatModelToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A function the model may call, described by a JSON Schema of its arguments. */
export interface ChatModelTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: Record<string, unknown>;
  /** Ask the provider to follow the schema exactly (OpenAI structured outputs). */
  strict?: boolean;
}

/** Whether and which tool the model must call. */
export type ChatModelToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** What the engine asks a model for. */
export interface ChatModelRequest {
  /** System instructions (and, with RAG, the delimited retrieved context). */
  system?: string;
  /** Oldest first. The last one is the user's new message. */
  messages: ChatModelMessage[];
  /** Upper bound on generated tokens. Providers that require it (Anthropic) fall back to the model's default. */
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  /** Functions the model may call (models with {@link ChatModel.supportsTools} only). */
  tools?: ChatModelTool[];
  toolChoice?: ChatModelToolChoice;
  /**
   * Knowledge-base passages retrieved for the newest message, numbered as cited (`[1]`). They are
   * already rendered into `system` as delimited untrusted context; models that cannot read prose
   * (the offline retrieval answerer) use this structured copy. Other providers ignore it.
   */
  context?: ContextPassage[];
}

/** A retrieved passage as a model sees it in {@link ChatModelRequest.context}. */
export interface ContextPassage {
  index: number;
  fileName: string;
  page?: number;
  /** Headings above the passage, outermost first: the passage's text repeats them as lines of their own. */
  headingPath?: string[];
  /** Where the passage is in its file (page, rows, lines, heading path). */
  locator?: Locator;
  text: string;
  snippet?: string;
}

/** Token counts reported by the provider. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/** Why generation stopped, normalised across providers. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/**
 * One part of a model's stream. `text-delta` parts carry the answer; `usage` may come once near the end
 * (or never, for servers that do not report it); `finish` comes last on success.
 * Failures are thrown from the iterator as {@link ProviderError}s.
 */
export type ChatModelStreamPart =
  | { type: 'response-metadata'; id?: string; modelId?: string; provider?: string }
  | { type: 'text-delta'; text: string }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'finish'; finishReason: FinishReason; rawFinishReason?: string }
  // Tool calling: the chat engine ignores these parts; the OpenAI-compatible gateway relays them.
  | { type: 'tool-call-delta'; toolCallId: string; toolName?: string; argsDelta: string };

/** Per-call options for {@link ChatModel.doStream}. */
export interface ChatModelCallOptions {
  /** Aborting closes the upstream HTTP request. */
  signal?: AbortSignal;
  /**
   * Told when a model that spreads a call over several deployments (`router()`) gives up on one before
   * its first token and tries the next, so the caller can log it with its own request id.
   */
  onFallback?: (event: FallbackEvent) => void;
}

/** One fallback of a {@link ChatModelCallOptions.onFallback}: `from` failed with `error`, `to` is tried next. */
export interface FallbackEvent {
  from: ChatModel;
  error: ProviderError;
  to: ChatModel;
}

/**
 * A model provider behind the versioned spec. Implementations: `openai()` (OpenAI, Azure OpenAI and
 * OpenAI-compatible servers), `anthropic()`, `router()`, the offline retrieval answerer, and `fromAiSdk()`
 * (`@company-chat/core/ai-sdk`) over any Vercel AI SDK language model.
 */
export interface ChatModel {
  readonly specificationVersion: 'v1';
  /** e.g. `openai`, `azure`, `openai-compatible`, `anthropic`, `router`, `offline`. */
  readonly provider: string;
  /** The upstream model or deployment name. */
  readonly modelId: string;
  /** Context window in tokens, used to trim the prompt. */
  readonly contextWindow?: number;
  /** Default `maxOutputTokens` when the request names none. */
  readonly maxOutputTokens?: number;
  /**
   * True when the model takes {@link ChatModelRequest.tools} and tool turns and streams `tool-call-delta`
   * parts. Requests with tools are refused for other models rather than answered without them.
   */
  readonly supportsTools?: boolean;
  /**
   * Streams the answer. Errors (HTTP status, in-stream error events, cut streams, timeouts) are thrown
   * from the iterator as `ProviderError`. Breaking out of the loop or aborting `signal` closes the request;
   * after an abort the iterator throws `signal.reason` (a DOMException `AbortError` by default), like fetch.
   */
  doStream(request: ChatModelRequest, options?: ChatModelCallOptions): AsyncIterable<ChatModelStreamPart>;
  /**
   * Optional: loads what the first request would otherwise load (an SDK module, a client), so that it
   * does not add to the first answer's latency. `ChatEngine.warmUp()` calls it for every model.
   */
  warmUp?(): Promise<void>;
}
