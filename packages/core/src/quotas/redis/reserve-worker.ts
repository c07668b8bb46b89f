// A separate server process for the two-process Redis test: makes RESERVE_ATTEMPTS concurrent
// reservations against the shared budget and prints how many were admitted.
import { connectRedis } from './connect-redis.js';
import { createRedisQuotaLedger } from './redis-quota-ledger.js';

// The test that starts this worker passes its Redis.
const redis = await connectRedis(process.env.REDIS_URL ?? '');
const ledger = createRedisQuotaLedger({
  tiers: { free: { tokensPerDay: 10_000 } },
  redis,
  keyPrefix: process.env.KEY_PREFIX ?? 'cc-test:worker:',
});
const principal = { tenantId: 'acme', userId: 'alice', roles: ['user' as const], tier: 'free', via: 'jwt' as const };
// Start together: both processes wait for the same wall-clock instant.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.START_AT) - Date.now())));
const results = await Promise.allSettled(
  Array.from({ length: Number(process.env.RESERVE_ATTEMPTS ?? 500) }, () =>
    ledger.reserve({ principal, worstCaseTokens: 1000, worstCaseCost: 0 }),
  ),
);
process.stdout.write(`${JSON.stringify({ admitted: results.filter((r) => r.status === 'fulfilled').length })}\n`);
redis.disconnect();
