import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { quotaLedgerCases } from '@company-chat/testing/conformance';
import { redisForTest, TEST_REDIS_URL } from '@company-chat/testing/databases';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../identity/principal.js';
import { connectRedis } from './connect-redis.js';
import { createRedisQuotaLedger } from './redis-quota-ledger.js';

const alice: Principal = { tenantId: 'acme', userId: 'alice', roles: ['user'], tier: 'free', via: 'jwt' };

describe('Redis quota ledger', () => {
  quotaLedgerCases(async (options) => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    return { ledger: createRedisQuotaLedger({ ...options, redis, keyPrefix }), cleanup };
  });

  it('keeps one budget across two clients (two server processes share Redis)', async () => {
    const first = await redisForTest();
    const second = await connectRedis(TEST_REDIS_URL);
    try {
      const tiers = { free: { tokensPerDay: 10_000 } };
      const a = createRedisQuotaLedger({ tiers, redis: first.redis, keyPrefix: first.keyPrefix });
      const b = createRedisQuotaLedger({ tiers, redis: second, keyPrefix: first.keyPrefix });
      const results = await Promise.allSettled(
        Array.from({ length: 1000 }, (_, i) =>
          (i % 2 ? a : b).reserve({ principal: alice, worstCaseTokens: 1000, worstCaseCost: 0 }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    } finally {
      second.disconnect();
      await first.cleanup();
    }
  });

  it('admits exactly the budget across two server processes sharing Redis', async () => {
    const { keyPrefix, cleanup } = await redisForTest();
    try {
      const worker = fileURLToPath(new URL('./reserve-worker.ts', import.meta.url));
      const env = {
        ...process.env,
        REDIS_URL: TEST_REDIS_URL,
        KEY_PREFIX: keyPrefix,
        RESERVE_ATTEMPTS: '500',
        START_AT: String(Date.now() + 3000),
      };
      const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', worker], { env, timeout: 60_000 });
      const outputs = await Promise.all([run(), run()]);
      const admitted = outputs.map(({ stdout }) => (JSON.parse(stdout) as { admitted: number }).admitted);
      expect(admitted[0]! + admitted[1]!).toBe(10);
    } finally {
      await cleanup();
    }
  }, 90_000);

  it('fails closed with 503 quota_unavailable when Redis is down', async () => {
    // Port 1 on localhost: nothing listens, the connection is refused.
    const redis = await connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 300 });
    try {
      const ledger = createRedisQuotaLedger({ tiers: { free: { tokensPerDay: 10_000 } }, redis });
      await expect(ledger.reserve({ principal: alice, worstCaseTokens: 1, worstCaseCost: 0 })).rejects.toMatchObject({
        code: 'quota_unavailable',
        statusCode: 503,
      });
      const reservation = { id: 'x', tenantId: 'acme', expiresAt: 0, counters: [] };
      await expect(ledger.settle(reservation, { tokens: 1, cost: 0 })).rejects.toMatchObject({
        code: 'quota_unavailable',
      });
      await expect(ledger.usage(alice)).rejects.toMatchObject({ code: 'quota_unavailable' });
    } finally {
      redis.disconnect();
    }
  });

  it('encodes ids so a crafted user id cannot reach another tenant or user', async () => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    try {
      const ledger = createRedisQuotaLedger({ tiers: { free: { tokensPerDay: 100 } }, redis, keyPrefix });
      await ledger.reserve({ principal: alice, worstCaseTokens: 100, worstCaseCost: 0 });
      const crafted = { ...alice, tenantId: 'acme}:c:u:alice', userId: 'x' };
      await ledger.reserve({ principal: crafted, worstCaseTokens: 100, worstCaseCost: 0 });
      await ledger.reserve({
        principal: { ...alice, userId: 'alice:tokensPerDay' },
        worstCaseTokens: 100,
        worstCaseCost: 0,
      });
    } finally {
      await cleanup();
    }
  });
});
