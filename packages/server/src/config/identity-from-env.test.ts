import { migrate } from '@company-chat/core';
import { TEST_REDIS_URL } from '@company-chat/testing/databases';
import { scriptedChatModel } from '@company-chat/testing/models';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createTestEngine } from '../../test/test-app.js';
import { createChatApp } from '../app/create-chat-app.js';
import { ConfigError } from './config-from-env.js';
import { identityFromEnv } from './identity-from-env.js';
import { quotasFromEnv } from './quotas-from-env.js';

const adminKey = `cc_live_${'A1b2C3d4E5'.repeat(4)}`;

describe('identityFromEnv', () => {
  it('is unconfigured (API keys only) without variables', async () => {
    const identity = await identityFromEnv({}, null);
    expect(identity.configured).toBe(false);
    expect(identity.summary).toEqual(['API keys']);
    expect(identity.auth.accounts).toBeUndefined();
  });

  it('bootstraps COMPANY_CHAT_ADMIN_KEY as an admin key, once, in the SQL stores', async () => {
    const db = await PGlite.create();
    try {
      const { createPgliteSqlClient: client } = await import('@company-chat/core/pglite');
      const sql = client(db);
      await migrate(sql);
      const env = {
        COMPANY_CHAT_ADMIN_KEY: adminKey,
        COMPANY_CHAT_WIDGET_SECRET: 'w'.repeat(32),
        COMPANY_CHAT_JWT_SECRET: 'j'.repeat(32),
        COMPANY_CHAT_JWT_ISSUER: 'https://idp.example.com/',
        COMPANY_CHAT_ACCOUNTS_SECRET: 'a'.repeat(32),
      };
      const identity = await identityFromEnv(env, sql);
      await identityFromEnv(env, sql); // idempotent across restarts
      expect(identity.configured).toBe(true);
      expect(identity.summary.join(' | ')).toMatch(/JWTs.*widget tokens.*API keys.*built-in accounts.*bootstrap admin/);
      expect(await identity.auth.apiKeys?.list('default')).toHaveLength(1);
      const app = createChatApp({
        engine: createTestEngine({ default: scriptedChatModel({ deltas: ['a'] }) }),
        auth: identity.auth,
        usage: identity.usage,
        logger: () => {},
      });
      const users = await app.request('/api/v1/admin/users', { headers: { 'x-api-key': adminKey } });
      expect(users.status).toBe(200);
      expect(((await users.json()) as { users: Array<{ id: string }> }).users.map((u) => u.id)).toEqual(['admin']);
      expect((await app.request('/api/v1/admin/users', { headers: { 'x-user-id': 'admin' } })).status).toBe(401);
    } finally {
      await db.close();
    }
  });

  it('limits widget tokens of a tenant to its origins (COMPANY_CHAT_TENANT_ORIGINS)', async () => {
    const { mintWidgetToken } = await import('@company-chat/core');
    const secret = 'w'.repeat(32);
    const identity = await identityFromEnv(
      { COMPANY_CHAT_WIDGET_SECRET: secret, COMPANY_CHAT_TENANT_ORIGINS: '{"acme":["https://intranet.acme.com/"]}' },
      null,
    );
    const app = createChatApp({
      engine: createTestEngine({ default: scriptedChatModel({ deltas: ['a'] }) }),
      auth: identity.auth,
      logger: () => {},
    });
    const call = async (tenantId: string, origin?: string) =>
      (
        await app.request('/api/v1/conversations', {
          headers: {
            authorization: `Bearer ${await mintWidgetToken({ secret, user: { id: 'u', tenantId } })}`,
            ...(origin ? { origin } : {}),
          },
        })
      ).status;
    expect(await call('acme', 'https://intranet.acme.com')).toBe(200);
    expect(await call('acme', 'https://evil.example.com')).toBe(401);
    expect(await call('acme')).toBe(401);
    expect(await call('globex', 'https://anything.example.com')).toBe(200);
    await expect(identityFromEnv({ COMPANY_CHAT_TENANT_ORIGINS: '{"acme":"x"}' }, null)).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('refuses short secrets and malformed admin keys', async () => {
    await expect(identityFromEnv({ COMPANY_CHAT_WIDGET_SECRET: 'short' }, null)).rejects.toBeInstanceOf(ConfigError);
    await expect(identityFromEnv({ COMPANY_CHAT_JWT_SECRET: 'short' }, null)).rejects.toBeInstanceOf(ConfigError);
    await expect(identityFromEnv({ COMPANY_CHAT_ADMIN_KEY: 'admin' }, null)).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('quotasFromEnv', () => {
  it('is off without COMPANY_CHAT_TIERS', async () => {
    const { quotas, summary } = await quotasFromEnv({});
    expect(quotas.ledger).toBeUndefined();
    expect(quotas.rateLimiter).toBeUndefined();
    expect(summary).toMatch(/^off/);
  });

  it('reads tiers and prices from JSON, in memory or in Redis', async () => {
    const env = {
      COMPANY_CHAT_TIERS: '{"free":{"requestsPerMinute":5,"tokensPerDay":1000},"pro":{"concurrentStreams":3}}',
      COMPANY_CHAT_PRICES: '{"my-model":{"inputPerMillion":1,"outputPerMillion":2}}',
    };
    const memory = await quotasFromEnv(env);
    expect(memory.quotas.tiers).toEqual({
      free: { requestsPerMinute: 5, tokensPerDay: 1000 },
      pro: { concurrentStreams: 3 },
    });
    expect(memory.quotas.prices?.['my-model']).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(memory.summary).toMatch(/in memory/);
    const redis = await quotasFromEnv({ ...env, REDIS_URL: TEST_REDIS_URL });
    try {
      expect(redis.summary).toMatch(/in Redis/);
      const principal = {
        tenantId: `t-${crypto.randomUUID()}`,
        userId: 'u',
        roles: ['user' as const],
        tier: 'free',
        via: 'dev' as const,
      };
      const reservation = await redis.quotas.ledger!.reserve({ principal, worstCaseTokens: 600, worstCaseCost: 0 });
      await expect(
        redis.quotas.ledger!.reserve({ principal, worstCaseTokens: 600, worstCaseCost: 0 }),
      ).rejects.toMatchObject({
        code: 'quota_exceeded',
      });
      await redis.quotas.ledger!.settle(reservation, { tokens: 10, cost: 0 });
    } finally {
      await redis.close();
    }
  });

  it('warns about the deprecated requestsPerMinute and reads the per-address ceiling', async () => {
    const old = await quotasFromEnv({
      COMPANY_CHAT_TIERS: '{"free":{"requestsPerMinute":5},"pro":{"messagesPerMinute":60}}',
    });
    expect(old.warnings).toEqual([
      expect.stringMatching(/requestsPerMinute \(tiers free\) is deprecated.*messagesPerMinute/),
    ]);
    expect(old.quotas.requestsPerMinutePerAddress).toBeUndefined();
    const current = await quotasFromEnv({
      COMPANY_CHAT_TIERS: '{"free":{"messagesPerMinute":10,"uploadsPerHour":20}}',
      COMPANY_CHAT_ADDRESS_REQUESTS_PER_MINUTE: '0',
    });
    expect(current.warnings).toEqual([]);
    expect(current.quotas.requestsPerMinutePerAddress).toBe(0);
    for (const bad of ['-1', 'many', '1.5']) {
      await expect(
        quotasFromEnv({ COMPANY_CHAT_TIERS: '{"free":{}}', COMPANY_CHAT_ADDRESS_REQUESTS_PER_MINUTE: bad }),
      ).rejects.toBeInstanceOf(ConfigError);
    }
  });

  it('refuses malformed tiers and a missing fallback tier', async () => {
    for (const tiers of ['not json', '{"free":{"tokensPerDay":-1}}', '{"free":{"tokens":1}}', '{"pro":{}}', '[]']) {
      await expect(quotasFromEnv({ COMPANY_CHAT_TIERS: tiers })).rejects.toBeInstanceOf(ConfigError);
    }
  });
});
