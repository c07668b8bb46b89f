import type { OpenAISdk } from './load-openai-sdk.js';
import type { OpenAIChatModelSettings } from './openai-chat-model.js';
import { OpenAIChatModel } from './openai-chat-model.js';

/** Connection options shared by {@link openai} and {@link azureOpenAI}. */
export interface OpenAIConnectionOptions extends OpenAIChatModelSettings {
  /** Time allowed until the response headers arrive, in ms (the SDK's `timeout`). Default 60 000. */
  timeout?: number;
  /** SDK-level retries. Default 0: the router does fallback, and retries would hide failures from it. */
  maxRetries?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A custom fetch (e.g. for proxies). */
  fetch?: typeof globalThis.fetch;
}

/** Options of {@link openai}. */
export interface OpenAIProviderOptions extends OpenAIConnectionOptions {
  /** Model name, e.g. `gpt-4o-mini`, or the model a compatible server serves (`llama3.2`). */
  model: string;
  /** Required for OpenAI itself; compatible servers that need none may omit it. */
  apiKey?: string;
  /**
   * An OpenAI-compatible server (Ollama `http://localhost:11434/v1`, vLLM, LM Studio, llama.cpp).
   * When set, the provider is named `openai-compatible`. Default `https://api.openai.com/v1`.
   */
  baseURL?: string;
  organization?: string;
  project?: string;
}

/** Options of {@link azureOpenAI}. */
export interface AzureOpenAIOptions extends OpenAIConnectionOptions {
  /** e.g. `https://my-resource.openai.azure.com`. Either this or `baseURL` (`.../openai`). */
  endpoint?: string;
  baseURL?: string;
  apiKey: string;
  /** The deployment name; it is also the `modelId`. */
  deployment: string;
  /** Default `2024-10-21` (the current GA version). */
  apiVersion?: string;
}

const defaultTimeoutMs = 60_000;

/**
 * A chat model on OpenAI or any OpenAI-compatible server, through the official `openai` SDK.
 *
 * @example
 * ```ts
 * const gpt = openai({ apiKey: process.env.OPENAI_API_KEY, model: 'gpt-4o-mini' });
 * const local = openai({ baseURL: 'http://localhost:11434/v1', model: 'llama3.2' }); // Ollama
 * ```
 */
export function openai(options: OpenAIProviderOptions): OpenAIChatModel {
  const compatible = options.baseURL !== undefined;
  if (!compatible && !options.apiKey) throw new TypeError('openai(): `apiKey` is required unless `baseURL` is set');
  const client = (sdk: OpenAISdk) =>
    new sdk.OpenAI({
      // Passed explicitly so the SDK never falls back to environment variables behind our back.
      apiKey: options.apiKey || 'not-needed',
      baseURL: options.baseURL ?? 'https://api.openai.com/v1',
      organization: options.organization ?? null,
      project: options.project ?? null,
      timeout: options.timeout ?? defaultTimeoutMs,
      maxRetries: options.maxRetries ?? 0,
      defaultHeaders: options.headers,
      fetch: options.fetch,
      // Our errors carry what matters; the SDK would log malformed events to the console.
      logLevel: 'off',
    });
  return new OpenAIChatModel(client, {
    ...options,
    provider: compatible ? 'openai-compatible' : 'openai',
    vendor: compatible ? 'OpenAI-compatible server' : 'OpenAI',
    modelId: options.model,
    maxTokensParam: options.maxTokensParam ?? (compatible ? 'max_tokens' : 'max_completion_tokens'),
    secrets: [options.apiKey],
  });
}

/**
 * A chat model on an Azure OpenAI deployment, through the SDK's `AzureOpenAI` client
 * (deployment URLs, `api-version`, `api-key` header).
 *
 * @example
 * ```ts
 * const azure = azureOpenAI({ endpoint: 'https://acme.openai.azure.com', apiKey, deployment: 'gpt-4o' });
 * ```
 */
export function azureOpenAI(options: AzureOpenAIOptions): OpenAIChatModel {
  if (!options.endpoint && !options.baseURL) throw new TypeError('azureOpenAI(): `endpoint` or `baseURL` is required');
  const client = (sdk: OpenAISdk) =>
    new sdk.AzureOpenAI({
      apiKey: options.apiKey,
      deployment: options.deployment,
      apiVersion: options.apiVersion ?? '2024-10-21',
      // baseURL: null, not undefined: the SDK defaults an undefined baseURL to $OPENAI_BASE_URL, which then
      // clashes with `endpoint` ("mutually exclusive") whenever an OpenAI-compatible server is configured too.
      ...(options.baseURL ? { baseURL: options.baseURL } : { endpoint: options.endpoint, baseURL: null }),
      organization: null,
      project: null,
      timeout: options.timeout ?? defaultTimeoutMs,
      maxRetries: options.maxRetries ?? 0,
      defaultHeaders: options.headers,
      fetch: options.fetch,
      logLevel: 'off',
    });
  return new OpenAIChatModel(client, {
    ...options,
    provider: 'azure',
    vendor: 'Azure OpenAI',
    modelId: options.deployment,
    secrets: [options.apiKey],
  });
}
