// The system under test: our server on Node serving the OpenAI-compatible gateway as a deployment would,
// with an API key (memory key store), quotas (memory ledger and rate limiter, a budget never reached) and
// a usage log; its model is the openai-compatible provider pointed at the upstream (OPENAI_BASE_URL).
import {
  createApiKeys,
  createChatEngine,
  createMemoryApiKeyStore,
  createMemoryChatStore,
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  createMemoryUsageLog,
  openai,
  type Tiers,
} from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { serve } from '@company-chat/server/node';

const model = openai({
  baseURL: process.env.OPENAI_BASE_URL ?? 'http://127.0.0.1:9/v1',
  apiKey: 'bench',
  model: 'bench-model',
});
const engine = createChatEngine({
  models: { default: model },
  store: createMemoryChatStore(),
  maxOutputTokens: 2000,
  // Word-sized estimate: the benchmark measures the request path, not the tokenizer's first load.
  tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
});
const tiers: Tiers = { free: { tokensPerDay: 1e12, messagesPerMinute: 1e9, concurrentStreams: 1e6 } };
const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
const { key } = await apiKeys.create({ tenantId: 'bench', userId: 'svc-bench', name: 'bench', scopes: ['gateway'] });
const app = createChatApp({
  engine,
  auth: { apiKeys },
  quotas: {
    tiers,
    ledger: createMemoryQuotaLedger({ tiers }),
    rateLimiter: createMemoryRateLimiter({ tiers }),
    requestsPerMinutePerAddress: 0,
  },
  usage: createMemoryUsageLog(),
  logger: () => {},
});
const handle = await serve({ app, port: 0 });
await engine.warmUp();
process.stdout.write(`${JSON.stringify({ url: handle.url, key })}\n`);
process.on('SIGTERM', () => {
  handle.close().then(() => process.exit(0));
});
