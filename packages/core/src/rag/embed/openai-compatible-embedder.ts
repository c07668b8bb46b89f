import type { OpenAI } from 'openai';
import { ProviderError } from '../../errors/provider-error.js';
import { loadOpenAISdk } from '../../providers/openai/load-openai-sdk.js';
import { mapOpenAIError, type OpenAIErrorContext } from '../../providers/openai/map-openai-error.js';
import type { Embedder } from './embedder.js';

/** Options of {@link openAICompatibleEmbedder}. */
export interface OpenAICompatibleEmbedderOptions {
  /** e.g. `text-embedding-3-small`, or the model an OpenAI-compatible server serves (`nomic-embed-text`). */
  model: string;
  apiKey?: string;
  /** Default `https://api.openai.com/v1`; Ollama: `http://localhost:11434/v1`. */
  baseURL?: string;
  /** Requested vector length (`dimensions` parameter; only some models accept it). */
  dimensions?: number;
  /** Texts per request. Default 64. */
  batchSize?: number;
  /** Request timeout in ms. Default 60 000. */
  timeout?: number;
  fetch?: typeof globalThis.fetch;
}

/**
 * An {@link Embedder} over the OpenAI embeddings API (`POST /v1/embeddings`) through the official SDK:
 * OpenAI, Azure OpenAI (pass its `baseURL`), Ollama, vLLM, LM Studio and other compatible servers.
 *
 * @example
 * ```ts
 * const embedder = openAICompatibleEmbedder({ baseURL: 'http://localhost:11434/v1', model: 'nomic-embed-text' });
 * ```
 */
export function openAICompatibleEmbedder(options: OpenAICompatibleEmbedderOptions): Embedder {
  const compatible = options.baseURL !== undefined;
  const context: OpenAIErrorContext = {
    provider: compatible ? 'openai-compatible' : 'openai',
    vendor: compatible ? 'The embeddings server' : 'OpenAI',
    secrets: [options.apiKey],
  };
  // The SDK is imported on the first embedding, not with the package (see loadOpenAISdk).
  let client: OpenAI | undefined;
  const connect = async () => {
    const sdk = await loadOpenAISdk(context.provider);
    context.sdk = sdk;
    client ??= new sdk.OpenAI({
      apiKey: options.apiKey || 'not-needed',
      baseURL: options.baseURL ?? 'https://api.openai.com/v1',
      timeout: options.timeout ?? 60_000,
      maxRetries: 0,
      fetch: options.fetch,
      logLevel: 'off',
    });
    return client;
  };
  const batchSize = options.batchSize ?? 64;
  return {
    modelId: options.model,
    dimensions: options.dimensions,
    async embed(texts, callOptions = {}) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const input = texts.slice(i, i + batchSize);
        try {
          const response = await (await connect()).embeddings.create(
            {
              model: options.model,
              input,
              encoding_format: 'float',
              ...(options.dimensions ? { dimensions: options.dimensions } : {}),
            },
            { signal: callOptions.signal },
          );
          // The API may return items out of order; `index` says which input each belongs to.
          const sorted = [...response.data].sort((a, b) => a.index - b.index);
          if (sorted.length !== input.length) {
            throw new ProviderError({
              code: 'upstream',
              provider: context.provider,
              message: `${context.vendor} returned ${sorted.length} embeddings for ${input.length} texts`,
            });
          }
          for (const item of sorted) vectors.push(item.embedding);
        } catch (error) {
          throw mapOpenAIError(error, context);
        }
      }
      return vectors;
    },
  };
}
