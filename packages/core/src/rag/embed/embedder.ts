/** Per-call options of {@link Embedder.embed}. */
export interface EmbedOptions {
  signal?: AbortSignal;
}

/**
 * Turns texts into vectors for semantic search. Implementations: `openAICompatibleEmbedder()`
 * (OpenAI, Azure OpenAI, Ollama, vLLM and any server with `/v1/embeddings`); none means full-text only.
 */
export interface Embedder {
  /** e.g. `text-embedding-3-small`. */
  readonly modelId: string;
  /** Vector length, when known up front (needed to create the pgvector column). */
  readonly dimensions?: number;
  /** One vector per text, in order. Failures are thrown as ProviderError. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<number[][]>;
}
