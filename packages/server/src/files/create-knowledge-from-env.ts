import {
  type ChatStore,
  createKnowledgeBase,
  createMemoryKnowledgeStore,
  createSqlKnowledgeStore,
  type DocumentParser,
  defaultParseLimits,
  type Embedder,
  type Instrumentation,
  type KnowledgeBase,
  type KnowledgeStore,
  type Logger,
  openAICompatibleEmbedder,
  type SqlClient,
} from '@company-chat/core';
import { ConfigError, type Env } from '../config/config-from-env.js';
import { BLOB_VARIABLES_HELP, blobStoreFromEnv } from './blob-store-from-env.js';
import { RELEVANCE_VARIABLES_HELP, relevanceFloorFromEnv } from './relevance-floor-from-env.js';

/** Environment variables of the knowledge base, for the CLI's usage text. */
export const KNOWLEDGE_VARIABLES_HELP = [
  'COMPANY_CHAT_EMBEDDINGS_MODEL (+ COMPANY_CHAT_EMBEDDINGS_BASE_URL, COMPANY_CHAT_EMBEDDINGS_API_KEY, COMPANY_CHAT_EMBEDDINGS_DIMENSIONS): hybrid search with an OpenAI-compatible /v1/embeddings server; without it, full-text only',
  'COMPANY_CHAT_SEARCH_LANGUAGE: Postgres text-search configuration (simple, english, german...; default simple)',
  'COMPANY_CHAT_MAX_UPLOAD_MB: largest accepted upload (default 20)',
  ...RELEVANCE_VARIABLES_HELP,
  ...BLOB_VARIABLES_HELP,
];

/** Input of {@link createKnowledgeFromEnv}. */
export interface KnowledgeFromEnvInput {
  env: Env;
  /** The migrated database the chat store uses (PGlite or PostgreSQL); omitted: in memory. */
  sql?: SqlClient;
  /** Lets uploads attach to a conversation only when it is the uploader's. */
  chatStore?: Pick<ChatStore, 'getConversation'>;
  logger?: Logger;
  /** Told of each ingestion (for `company_chat_ingestion_jobs_total`). */
  instrumentation?: Instrumentation;
  /** Where uploads are parsed; the Node CLI passes a worker-thread pool. Default: in process. */
  parser?: DocumentParser;
}

/** What {@link createKnowledgeFromEnv} builds. */
export interface KnowledgeFromEnv {
  knowledge: KnowledgeBase;
  maxUploadBytes: number;
  /**
   * One line for the start-up log (never contains keys): where files live, which retrieval is active and
   * why, e.g. `SQL, full-text only: the database has no pgvector extension, text search english`.
   */
  description: string;
  /** Where the originals of uploads are kept, e.g. `originals in the database` (never contains keys). */
  fileStorage: string;
  /** The embedder of the knowledge base, when one is configured (also served at `POST /v1/embeddings`). */
  embedder?: Embedder | undefined;
}

/**
 * Builds the knowledge base the server and `company-chat ingest` use, from the environment: the SQL
 * store on the chat store's database (or memory), an embedder when one is configured, upload limits.
 */
export async function createKnowledgeFromEnv(input: KnowledgeFromEnvInput): Promise<KnowledgeFromEnv> {
  const { env } = input;
  const maxUploadMb = Number(env.COMPANY_CHAT_MAX_UPLOAD_MB ?? defaultParseLimits.maxBytes / 1024 / 1024);
  if (!Number.isFinite(maxUploadMb) || maxUploadMb <= 0 || maxUploadMb > 1024) {
    throw new ConfigError(
      `COMPANY_CHAT_MAX_UPLOAD_MB must be a number of megabytes, got ${JSON.stringify(env.COMPANY_CHAT_MAX_UPLOAD_MB)}`,
    );
  }
  const maxUploadBytes = Math.round(maxUploadMb * 1024 * 1024);
  const embedder = embedderFromEnv(env);
  const relevanceFloor = relevanceFloorFromEnv(env);
  const { blobs, description: fileStorage } = await blobStoreFromEnv(env, input.sql);
  const language = env.COMPANY_CHAT_SEARCH_LANGUAGE?.trim() || 'simple';
  const store = input.sql
    ? await createSqlKnowledgeStore(input.sql, {
        language,
        vectorDimensions: embedder?.dimensions,
        logger: input.logger,
      }).catch((error: unknown) => {
        throw new ConfigError(`COMPANY_CHAT_SEARCH_LANGUAGE: ${(error as Error).message}`);
      })
    : createMemoryKnowledgeStore();
  return {
    knowledge: createKnowledgeBase({
      store,
      embedder,
      blobs,
      relevanceFloor,
      chatStore: input.chatStore,
      parseLimits: { maxBytes: maxUploadBytes },
      ...(input.parser ? { parser: input.parser } : {}),
      logger: input.logger,
      ...(input.instrumentation ? { instrumentation: input.instrumentation } : {}),
    }),
    maxUploadBytes,
    fileStorage,
    embedder,
    description: `${input.sql ? 'SQL' : 'in memory'}, ${describeRetrieval(embedder, store, !!input.sql)}, text search ${language}`,
  };
}

/** Which retrieval the knowledge base runs, and why not hybrid when it is full-text only. */
function describeRetrieval(embedder: Embedder | undefined, store: KnowledgeStore, sql: boolean): string {
  if (!embedder) return 'full-text only: no embedder configured (set COMPANY_CHAT_EMBEDDINGS_MODEL for hybrid search)';
  // The pgvector column needs its length before the first chunk is stored.
  if (sql && embedder.dimensions === undefined) {
    return 'full-text only: COMPANY_CHAT_EMBEDDINGS_DIMENSIONS missing (the vector length of the model)';
  }
  if (!store.searchVector) {
    const reason = store.vectorStorage?.stored === false ? store.vectorStorage.reason : 'the store keeps no vectors';
    return `full-text only: ${reason}`;
  }
  return `hybrid (full-text + vectors${embedder.dimensions ? `, ${embedder.dimensions} dims` : ''}, ${embedder.modelId})`;
}

function embedderFromEnv(env: Env): Embedder | undefined {
  const model = env.COMPANY_CHAT_EMBEDDINGS_MODEL?.trim();
  if (!model) return undefined;
  const dimensions = env.COMPANY_CHAT_EMBEDDINGS_DIMENSIONS
    ? Number(env.COMPANY_CHAT_EMBEDDINGS_DIMENSIONS)
    : undefined;
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1)) {
    throw new ConfigError('COMPANY_CHAT_EMBEDDINGS_DIMENSIONS must be a positive whole number');
  }
  const baseURL = env.COMPANY_CHAT_EMBEDDINGS_BASE_URL?.trim() || undefined;
  if (baseURL && !/^https?:\/\//.test(baseURL)) {
    throw new ConfigError('COMPANY_CHAT_EMBEDDINGS_BASE_URL must be an http(s) URL');
  }
  const apiKey = env.COMPANY_CHAT_EMBEDDINGS_API_KEY ?? (baseURL ? undefined : env.OPENAI_API_KEY);
  if (!baseURL && !apiKey) {
    throw new ConfigError('COMPANY_CHAT_EMBEDDINGS_MODEL needs COMPANY_CHAT_EMBEDDINGS_BASE_URL or an API key');
  }
  return openAICompatibleEmbedder({ model, baseURL, apiKey, dimensions });
}
