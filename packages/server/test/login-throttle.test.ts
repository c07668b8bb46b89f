import {
  type AccountStore,
  createAccounts,
  createApiKeys,
  createMemoryAccountStore,
  createMemoryApiKeyStore,
  createMemoryAuditLog,
  createMemoryLoginThrottle,
  type LoginThrottle,
} from '@company-chat/core';
import { createRedisLoginThrottle } from '@company-chat/core/redis';
import { redisForTest } from '@company-chat/testing/databases';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatAppAuthOptions, createChatApp } from '../src/index.js';
import { type ServerHandle, serve } from '../src/node/index.js';
import { rawRequest } from './raw-http.js';
import { createTestEngine } from './test-app.js';

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

const password = 'correct horse battery';

/** A chat app with built-in accounts on a real Node server, so the throttle sees real socket addresses. */
async function start(
  throttle: LoginThrottle,
  store: AccountStore,
  auth: Partial<ChatAppAuthOptions> = {},
): Promise<ServerHandle> {
  const accounts = createAccounts({
    store,
    secret: 'access-secret-access-secret-access-secret',
    passwordHash: { memorySize: 256, iterations: 1, parallelism: 1 },
  });
  const app = createChatApp({
    engine: createTestEngine({}),
    logger: () => {},
    auth: { accounts, apiKeys: createApiKeys({ store: createMemoryApiKeyStore() }), loginThrottle: throttle, ...auth },
  });
  const handle = await serve({ app, port: 0 });
  running.push(handle.close);
  return handle;
}

async function withBob(): Promise<AccountStore> {
  const store = createMemoryAccountStore();
  const accounts = createAccounts({
    store,
    secret: 'access-secret-access-secret-access-secret',
    passwordHash: { memorySize: 256, iterations: 1, parallelism: 1 },
  });
  await accounts.register({ tenantId: 'default', email: 'bob@example.com', password });
  return store;
}

const login = (server: ServerHandle, from: string, pass: string, headers: Record<string, string> = {}) =>
  rawRequest(server.url, {
    path: '/api/v1/auth/login',
    body: { email: 'bob@example.com', password: pass },
    localAddress: from,
    headers,
  });

describe('login throttling over real connections', () => {
  it('locks out a wrong-password attacker while the real user still gets in from a good address', async () => {
    const audit = createMemoryAuditLog();
    const server = await start(createMemoryLoginThrottle(), await withBob(), { audit });
    expect((await login(server, '127.0.0.2', password)).status).toBe(200);
    // Five guesses from one address, then back-off, whatever X-Forwarded-For claims.
    for (let i = 0; i < 5; i++) {
      expect((await login(server, '127.0.0.3', `guess ${i}`, { 'x-forwarded-for': `10.9.0.${i}` })).status).toBe(401);
    }
    const locked = await login(server, '127.0.0.3', password, { 'x-forwarded-for': '10.9.9.9' });
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body).error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Spread over more addresses, the guesses lock the account for every address it never signed in from.
    for (let i = 10; i < 25; i++) expect((await login(server, `127.0.1.${i}`, 'guess')).status).toBe(401);
    const elsewhere = await login(server, '127.0.2.1', password);
    expect(elsewhere.status).toBe(429);
    expect(JSON.parse(elsewhere.body).error.message).toMatch(/this account/);
    // The real user, from the address they signed in from before, is not locked out.
    expect((await login(server, '127.0.0.2', password)).status).toBe(200);
    // Refusals are audited with the address and the limit, never the e-mail address in clear.
    const denied = (await audit.list('default', { action: 'auth.login' })).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => [r.ip, r.details])).toEqual([
      ['127.0.2.1', { throttled: 'account' }],
      ['127.0.0.3', { throttled: 'address' }],
    ]);
    expect(JSON.stringify(denied)).not.toContain('bob@example.com');
  });

  it('is shared by two instances on one Redis, and its back-off grows', async () => {
    const { redis, keyPrefix, cleanup } = await redisForTest();
    running.push(cleanup);
    let clock = Date.UTC(2026, 0, 1, 9);
    const throttle = () => createRedisLoginThrottle({ redis, keyPrefix, now: () => clock });
    const store = await withBob();
    const servers = [await start(throttle(), store), await start(throttle(), store)];
    expect((await login(servers[1]!, '127.0.0.2', password)).status).toBe(200);
    // Alternating instances does not double the guesses: the sixth is refused, whichever instance gets it.
    for (let i = 0; i < 5; i++) expect((await login(servers[i % 2]!, '127.0.0.3', `guess ${i}`)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await login(servers[round % 2]!, '127.0.0.3', 'guess');
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers['retry-after']));
      clock += waits.at(-1)! * 1000;
      expect((await login(servers[(round + 1) % 2]!, '127.0.0.3', 'guess')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // Meanwhile the real user signs in on either instance.
    expect((await login(servers[0]!, '127.0.0.2', password)).status).toBe(200);
  });

  it('limits requests per address to the unauthenticated routes', async () => {
    const server = await start(createMemoryLoginThrottle(), await withBob(), {
      authRequestsPerMinute: 3,
      widgetTokens: { secret: 'widget-secret-widget-secret-widget-secret' },
      widgetTokenRequestsPerMinute: 2,
    });
    const refresh = (from: string) =>
      rawRequest(server.url, { path: '/api/v1/auth/refresh', body: { refreshToken: 'ccr_x' }, localAddress: from });
    for (let i = 0; i < 3; i++) expect((await refresh('127.0.0.4')).status).toBe(401);
    const limited = await refresh('127.0.0.4');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await login(server, '127.0.0.4', password)).status).toBe(429);
    expect((await refresh('127.0.0.5')).status).toBe(401);
    const mint = (from: string) =>
      rawRequest(server.url, { path: '/api/v1/widget-tokens', body: { userId: 'u1' }, localAddress: from });
    expect((await mint('127.0.0.6')).status).toBe(401);
    expect((await mint('127.0.0.6')).status).toBe(401);
    expect((await mint('127.0.0.6')).status).toBe(429);
    expect((await mint('127.0.0.7')).status).toBe(401);
  });

  it('takes the client from X-Forwarded-For only with trustProxy, counting hops from the right', async () => {
    const server = await start(createMemoryLoginThrottle(), await withBob(), {
      trustProxy: 1,
      authRequestsPerMinute: 2,
    });
    const from = (forwarded: string) =>
      rawRequest(server.url, {
        path: '/api/v1/auth/refresh',
        body: { refreshToken: 'ccr_x' },
        headers: { 'x-forwarded-for': forwarded },
      });
    // The client may prepend anything; the proxy's own entry (the last) is what counts.
    expect((await from('1.1.1.1, 203.0.113.5')).status).toBe(401);
    expect((await from('2.2.2.2, 203.0.113.5')).status).toBe(401);
    expect((await from('3.3.3.3, 203.0.113.5')).status).toBe(429);
    expect((await from('203.0.113.6')).status).toBe(401);
  });
});
