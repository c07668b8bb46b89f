import {
  type ChatModel,
  type ChatModelStreamPart,
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  createMemoryUsageLog,
  createSqlUsageLog,
  migrate,
  type Principal,
  type QuotaLedger,
  type RateLimiter,
  type Tiers,
  type UsageLog,
} from '@company-chat/core';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { createRedisQuotaLedger, createRedisRateLimiter } from '@company-chat/core/redis';
import { createTestSchema, redisForTest, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { parseSse } from '@company-chat/testing/http';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';

// 10,000 tokens a day and 1,000 worst-case tokens per answer: exactly 10 answers fit while they run.
const tiers: Tiers = { free: { tokensPerDay: 10_000, concurrentStreams: 1000, messagesPerMinute: 1000 } };
const alice: Principal = { tenantId: 'default', userId: 'alice', roles: ['user'], tier: 'free', via: 'dev' };
const CALLS = 200;

/** A model of our spec that holds every answer until released, then reports 120 tokens. */
function heldModel(onCall: () => void) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const model: ChatModel = {
    specificationVersion: 'v1',
    provider: 'openai',
    modelId: 'gpt-4o-mini',
    async *doStream(): AsyncGenerator<ChatModelStreamPart> {
      onCall();
      await released;
      yield { type: 'text-delta', text: 'Hello' };
      yield { type: 'usage', usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
  return { model, release };
}

interface Stores {
  ledger: QuotaLedger;
  rateLimiter: RateLimiter;
  usage: UsageLog;
  close: () => Promise<void>;
}

function cases(name: string, open: () => Promise<Stores>) {
  it(`${name}: ${CALLS} concurrent calls, half through the gateway and half through the chat API, admit exactly the budget`, async () => {
    const stores = await open();
    try {
      // Every call either reached the model (admitted) or was answered otherwise; then the answers may end.
      let arrived = 0;
      let allArrived!: () => void;
      const everyoneArrived = new Promise<void>((resolve) => {
        allArrived = resolve;
      });
      const arrive = () => {
        if (++arrived === CALLS) allArrived();
      };
      const { model, release } = heldModel(arrive);
      const { app } = createTestApp(
        { default: model },
        {
          quotas: {
            tiers,
            ledger: stores.ledger,
            rateLimiter: stores.rateLimiter,
            worstCase: () => ({ promptTokens: 900, maxOutputTokens: 100 }),
          },
          usage: stores.usage,
        },
      );
      const headers = { 'content-type': 'application/json', 'x-user-id': 'alice' };
      const calls = Array.from({ length: CALLS }, async (_, i) => {
        const gateway = i % 2 === 0;
        const res = gateway
          ? await app.request('/v1/chat/completions', {
              method: 'POST',
              headers,
              body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `hi ${i}` }] }),
            })
          : await app.request('/api/v1/chat', {
              method: 'POST',
              headers,
              body: JSON.stringify({ content: `hi ${i}` }),
            });
        if (res.status !== 200) arrive();
        return { gateway, res };
      });
      await everyoneArrived;
      release();
      const answers = await Promise.all(
        calls.map(async (call) => {
          const { gateway, res } = await call;
          const text = await res.text();
          return { gateway, status: res.status, retryAfter: res.headers.get('retry-after'), text };
        }),
      );

      const admitted = answers.filter((a) => a.status === 200);
      expect(admitted).toHaveLength(10);
      for (const answer of admitted) {
        if (answer.gateway) expect(JSON.parse(answer.text).choices[0].message.content).toBe('Hello');
        else expect(parseSse(answer.text).at(-1)?.data).toMatchObject({ status: 'complete' });
      }
      const denied = answers.filter((a) => a.status !== 200);
      expect(denied.every((a) => a.status === 429 && Number(a.retryAfter) > 0)).toBe(true);
      // Each face had 100 calls and at most 10 places: both were refused, each in its own error shape.
      const gatewayDenial = JSON.parse(denied.find((a) => a.gateway)!.text);
      expect(gatewayDenial.error).toMatchObject({ type: 'insufficient_quota', code: 'quota_exceeded' });
      const chatDenial = JSON.parse(denied.find((a) => !a.gateway)!.text);
      expect(chatDenial.error).toMatchObject({ code: 'quota_exceeded', limit: 'tokensPerDay' });

      // Settled with the real usage, nothing left reserved, and the ledger agrees with the usage records.
      const day = (await stores.ledger.usage(alice)).find((u) => u.scope === 'user' && u.limit === 'tokensPerDay');
      expect(day).toMatchObject({ used: 1200, reserved: 0 });
      const records = await stores.usage.list({ tenantId: 'default', userId: 'alice' });
      expect(records).toHaveLength(10);
      expect(records.reduce((sum, r) => sum + r.totalTokens, 0)).toBe(1200);
      expect(records.every((r) => r.status === 'complete' && r.cost > 0)).toBe(true);
    } finally {
      await stores.close();
    }
  });
}

describe('quotas through the gateway are the chat API’s, exact under concurrency', { timeout: 120_000 }, () => {
  cases('memory', async () => ({
    ledger: createMemoryQuotaLedger({ tiers }),
    rateLimiter: createMemoryRateLimiter({ tiers }),
    usage: createMemoryUsageLog(),
    close: async () => {},
  }));

  cases('Redis ledger and rate limiter, PostgreSQL usage log', async () => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    const { schema, drop } = await createTestSchema();
    const sql = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    await migrate(sql);
    return {
      ledger: createRedisQuotaLedger({ tiers, redis, keyPrefix: `${keyPrefix}q:` }),
      rateLimiter: createRedisRateLimiter({ tiers, redis, keyPrefix: `${keyPrefix}rl:` }),
      usage: createSqlUsageLog(sql),
      close: async () => {
        await sql.close();
        await drop();
        await cleanup();
      },
    };
  });
});
