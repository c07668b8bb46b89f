import type { StreamTimeoutOptions } from '../guard-provider-stream.js';
import { AnthropicChatModel } from './anthropic-chat-model.js';
import type { AnthropicSdk } from './load-anthropic-sdk.js';

/** Options of {@link anthropic}. */
export interface AnthropicProviderOptions extends StreamTimeoutOptions {
  apiKey: string;
  /** e.g. `claude-sonnet-4-6`. */
  model: string;
  /** `ANTHROPIC_BASE_URL`: a proxy or gateway in front of the API. Default `https://api.anthropic.com`. */
  baseURL?: string;
  /** Default `max_tokens` (the API requires one). Default 4096. */
  maxOutputTokens?: number;
  /** Context window in tokens, for prompt trimming. Default 200 000. */
  contextWindow?: number;
  /** Time allowed until the response headers arrive, in ms (the SDK's `timeout`). Default 60 000. */
  timeout?: number;
  /** SDK-level retries. Default 0: the router does fallback. */
  maxRetries?: number;
  /** Extra headers sent with every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /** A custom fetch (e.g. for proxies). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A chat model on Anthropic's Messages API, through the official `@anthropic-ai/sdk`.
 *
 * @example
 * ```ts
 * const claude = anthropic({ apiKey: process.env.ANTHROPIC_API_KEY!, model: 'claude-sonnet-4-6' });
 * ```
 */
export function anthropic(options: AnthropicProviderOptions): AnthropicChatModel {
  if (!options.apiKey) throw new TypeError('anthropic(): `apiKey` is required');
  const client = (sdk: AnthropicSdk) =>
    new sdk.Anthropic({
      apiKey: options.apiKey,
      // Passed explicitly so the SDK never falls back to environment variables behind our back.
      baseURL: options.baseURL ?? 'https://api.anthropic.com',
      timeout: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 0,
      defaultHeaders: options.headers,
      fetch: options.fetch,
      // Our errors carry what matters; the SDK would log malformed events to the console.
      logLevel: 'off',
    });
  return new AnthropicChatModel(client, {
    modelId: options.model,
    maxOutputTokens: options.maxOutputTokens ?? 4096,
    contextWindow: options.contextWindow ?? 200_000,
    firstTokenTimeoutMs: options.firstTokenTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    secrets: [options.apiKey],
  });
}
