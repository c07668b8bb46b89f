// The system under test: our server on Node with the engine. Its model is either the openai-compatible
// provider pointed at OPENAI_BASE_URL (the real path), or, with BENCH_MODEL=in-process, a model inside
// this process that yields the same 1,000 tokens in network-sized bursts, which isolates what the server
// and engine cost from what the provider (SDK + fetch) costs.
// BENCH_STORE picks the store: `memory` (default), `pglite` (on disk in BENCH_DATA_DIR, as the CLI's
// default) or `postgres` (DATABASE_URL, in schema BENCH_PG_SCHEMA). BENCH_TRACE=1 times every store
// call and the provider's first delta of each request (see trace.ts), answered at GET /__trace.
import { type ChatModel, type ChatStore, createChatEngine, createMemoryChatStore, openai } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { serve } from '@company-chat/server/node';
import { traceFetch, traceModel, traceStore } from './trace.js';

function inProcessModel(count: number): ChatModel {
  const tokens = Array.from({ length: count }, (_, i) => (i === 0 ? 'tok0' : ` tok${i}`));
  return {
    specificationVersion: 'v1',
    provider: 'in-process',
    modelId: 'bench-model',
    async *doStream() {
      for (let i = 0; i < tokens.length; i++) {
        // ~60 tokens per burst, like one 16 KB read of the upstream's chunk stream.
        if (i % 60 === 0) await new Promise((resolve) => setImmediate(resolve));
        yield { type: 'text-delta', text: tokens[i]! };
      }
      yield { type: 'usage', usage: { inputTokens: 5, outputTokens: count, totalTokens: count + 5 } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}

async function createStore(): Promise<ChatStore> {
  const kind = process.env.BENCH_STORE ?? 'memory';
  if (kind === 'memory') return createMemoryChatStore();
  if (kind === 'pglite') {
    const { createPgliteChatStore } = await import('@company-chat/core/pglite');
    return createPgliteChatStore({ dataDir: process.env.BENCH_DATA_DIR! });
  }
  if (kind === 'postgres') {
    const { createPostgresChatStore } = await import('@company-chat/core/postgres');
    return createPostgresChatStore({
      connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      ...(process.env.BENCH_PG_SCHEMA ? { schema: process.env.BENCH_PG_SCHEMA } : {}),
    });
  }
  throw new Error(`BENCH_STORE=${kind}: expected memory, pglite or postgres`);
}

const baseURL = process.env.OPENAI_BASE_URL;
const model =
  process.env.BENCH_MODEL === 'in-process'
    ? inProcessModel(Number(process.env.BENCH_TOKENS ?? 1000))
    : openai({ baseURL: baseURL ?? 'http://127.0.0.1:9/v1', apiKey: 'bench', model: 'bench-model' });
const trace = Boolean(process.env.BENCH_TRACE);
const baseStore = await createStore();
const store = trace ? traceStore(baseStore) : baseStore;
const engine = createChatEngine({
  models: { default: trace ? traceModel(model) : model },
  store,
  maxOutputTokens: 2000,
});
const app = createChatApp({ engine, dev: true });
const handle = await serve({ app: trace ? { fetch: traceFetch(app.fetch) } : app, engine, port: 0 });
process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
process.on('SIGTERM', () => {
  handle.close().then(() => process.exit(0));
});
