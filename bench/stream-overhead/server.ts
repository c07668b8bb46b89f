// The system under test: our server on Node with the engine and the memory store. Its model is either the
// openai-compatible provider pointed at OPENAI_BASE_URL (the real path), or, with BENCH_MODEL=in-process,
// a model inside this process that yields the same 1,000 tokens in network-sized bursts, which isolates
// what the server and engine cost from what the provider (SDK + fetch) costs.
import { type ChatModel, createChatEngine, createMemoryChatStore, openai } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { serve } from '@company-chat/server/node';

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

const baseURL = process.env.OPENAI_BASE_URL;
const model =
  process.env.BENCH_MODEL === 'in-process'
    ? inProcessModel(Number(process.env.BENCH_TOKENS ?? 1000))
    : openai({ baseURL: baseURL ?? 'http://127.0.0.1:9/v1', apiKey: 'bench', model: 'bench-model' });
const engine = createChatEngine({ models: { default: model }, store: createMemoryChatStore(), maxOutputTokens: 2000 });
const handle = await serve({ app: createChatApp({ engine, dev: true }), port: 0 });
process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
process.on('SIGTERM', () => {
  handle.close().then(() => process.exit(0));
});
