// One server process of the quota benchmark: the real app (dev identity, memory chat store) with an
// in-process model whose every answer uses exactly the worst case (900 prompt + 100 output tokens), and,
// with BENCH_QUOTAS=on, the Redis quota ledger and rate limiter shared with the other process. The time
// each admission spends in the ledger and limiter (the quota check) is recorded and served as JSON on a
// second port, so the runner can report it without sharing this process's event loop.
import http from 'node:http';
import {
  type ChatModel,
  createChatEngine,
  createMemoryChatStore,
  type QuotaLedger,
  type RateLimiter,
} from '@company-chat/core';
import { connectRedis, createRedisQuotaLedger, createRedisRateLimiter } from '@company-chat/core/redis';
import { createChatApp } from '@company-chat/server';
import { serve } from '@company-chat/server/node';

const quotasOn = process.env.BENCH_QUOTAS === 'on';
const holdMs = Number(process.env.BENCH_HOLD_MS ?? 50);
const cap = Number(process.env.BENCH_CAP_TOKENS ?? 10_000);

const model: ChatModel = {
  specificationVersion: 'v1',
  provider: 'in-process',
  modelId: 'bench-model',
  async *doStream() {
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    for (const text of ['One', ' answer', ' of', ' the', ' bench.']) yield { type: 'text-delta', text };
    yield { type: 'usage', usage: { inputTokens: 900, outputTokens: 100, totalTokens: 1000 } };
    yield { type: 'finish', finishReason: 'stop' };
  },
};

const checks: number[] = [];
function timed<T extends object>(target: T, method: keyof T): void {
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  (target as Record<keyof T, unknown>)[method] = async (...args: unknown[]) => {
    const start = performance.now();
    try {
      return await original(...args);
    } finally {
      checks.push(performance.now() - start);
    }
  };
}

let quotas:
  | {
      ledger: QuotaLedger;
      rateLimiter: RateLimiter;
      tiers: Record<string, object>;
      requestsPerMinutePerAddress: number;
    }
  | undefined;
let redis: Awaited<ReturnType<typeof connectRedis>> | undefined;
if (quotasOn) {
  redis = await connectRedis(process.env.REDIS_URL ?? ''); // passed by run.ts;
  const tiers = { free: { tokensPerDay: cap, concurrentStreams: 100_000 } };
  const keyPrefix = process.env.BENCH_KEY_PREFIX ?? 'cc:bench:';
  const ledger = createRedisQuotaLedger({ redis, tiers, keyPrefix: `${keyPrefix}q:` });
  const rateLimiter = createRedisRateLimiter({ redis, tiers, keyPrefix: `${keyPrefix}rl:` });
  // The quota check of one answer = the stream slot + the reservation (both Redis round trips).
  timed(ledger, 'reserve');
  timed(rateLimiter, 'acquireStream');
  // Every benchmark request comes from one loopback address: the per-address ceiling would cut the run short.
  quotas = { ledger, rateLimiter, tiers, requestsPerMinutePerAddress: 0 };
}

const engine = createChatEngine({
  models: { default: model },
  store: createMemoryChatStore(),
  tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
});
const app = createChatApp({
  engine,
  dev: true,
  logger: () => {},
  ...(quotas ? { quotas: { ...quotas, worstCase: () => ({ promptTokens: 900, maxOutputTokens: 100 }) } } : {}),
});
const handle = await serve({ app, port: 0 });
const stats = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ checks }));
  checks.length = 0;
});
await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
const statsPort = (stats.address() as { port: number }).port;
process.stdout.write(`${JSON.stringify({ url: handle.url, stats: `http://127.0.0.1:${statsPort}` })}\n`);
process.on('SIGTERM', () => {
  stats.close();
  handle
    .close()
    .then(() => redis?.quit())
    .finally(() => process.exit(0));
});
