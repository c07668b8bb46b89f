import { TEST_REDIS_URL } from '@company-chat/testing/databases';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-from-env.js';
import { lineLogger } from './line-logger.js';
import { quotasFromEnv } from './quotas-from-env.js';
import { throttlesFromEnv } from './throttles-from-env.js';

const redisUrl = TEST_REDIS_URL;
const principal = { tenantId: 'acme', userId: 'u', roles: ['user' as const], tier: 'free', via: 'dev' as const };

describe('throttlesFromEnv', () => {
  it('defaults: in memory, X-Forwarded-For ignored, 120 sign-in and 600 widget-token requests per address', async () => {
    const throttles = await throttlesFromEnv({});
    expect(throttles.auth).toMatchObject({
      trustProxy: 0,
      authRequestsPerMinute: 120,
      widgetTokenRequestsPerMinute: 600,
    });
    expect(throttles.summary).toBe(
      'in memory (one instance; set REDIS_URL for several); 120/min sign-in and 600/min widget-token requests per address; X-Forwarded-For ignored',
    );
    const set = await throttlesFromEnv({
      COMPANY_CHAT_TRUST_PROXY: '2',
      COMPANY_CHAT_AUTH_REQUESTS_PER_MINUTE: '30',
      COMPANY_CHAT_WIDGET_TOKEN_REQUESTS_PER_MINUTE: '0',
    });
    expect(set.auth).toMatchObject({ trustProxy: 2, authRequestsPerMinute: 30, widgetTokenRequestsPerMinute: 0 });
  });

  it.each([
    ['COMPANY_CHAT_TRUST_PROXY', 'yes'],
    ['COMPANY_CHAT_AUTH_REQUESTS_PER_MINUTE', '-1'],
    ['COMPANY_CHAT_WIDGET_TOKEN_REQUESTS_PER_MINUTE', '1.5'],
  ])('%s=%s stops start-up with a message naming it', async (name, value) => {
    const error = await throttlesFromEnv({ [name]: value }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}.`);
  });

  it('with REDIS_URL, two instances share one throttle', async () => {
    const [one, two] = [
      await throttlesFromEnv({ REDIS_URL: redisUrl }),
      await throttlesFromEnv({ REDIS_URL: redisUrl }),
    ];
    try {
      expect(one!.summary).toMatch(/^in Redis at /);
      // A fresh account, so runs and parallel tests on the shared Redis never meet.
      const attempt = { tenantId: `t-${crypto.randomUUID()}`, email: 'bob@example.com', address: '192.0.2.1' };
      const verdicts = [];
      for (let i = 0; i < 6; i++) verdicts.push(await (i % 2 ? one : two)!.auth.loginThrottle.attempt(attempt));
      expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    } finally {
      await one!.close();
      await two!.close();
    }
  });
});

describe('Redis unavailable', () => {
  it('is logged: rate limits falling back to memory, budgets failing closed, the login throttle falling back', async () => {
    const lines: string[] = [];
    const logger = lineLogger((line) => lines.push(line));
    const env = { REDIS_URL: 'redis://127.0.0.1:1', COMPANY_CHAT_TIERS: '{"free":{"requestsPerMinute":5}}' };
    const quotas = await quotasFromEnv(env, { logger });
    const throttles = await throttlesFromEnv(env, { logger });
    try {
      await quotas.quotas.rateLimiter!.hit(principal);
      await quotas.quotas.rateLimiter!.hit(principal);
      await expect(
        quotas.quotas.ledger!.reserve({ principal, worstCaseTokens: 10, worstCaseCost: 0 }),
      ).rejects.toMatchObject({ code: 'quota_unavailable' });
      await throttles.auth.loginThrottle.attempt({ tenantId: 'acme', email: 'bob@example.com', address: '192.0.2.1' });
      expect(lines.map((line) => line.replace(/ \{.*$/, ''))).toEqual([
        'warning: rate limiter: Redis unavailable, request rate falls back to per-process limits',
        'error: quota reserve failed: Redis unavailable, denying (fail closed)',
        'warning: login throttle: Redis unavailable, falling back to per-process limits',
      ]);
    } finally {
      await quotas.close();
      await throttles.close();
    }
  });
});
