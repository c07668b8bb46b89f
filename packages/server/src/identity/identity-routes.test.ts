import {
  createAccounts,
  createApiKeys,
  createAuthenticator,
  createMemoryAccountStore,
  createMemoryApiKeyStore,
  createMemoryAuditLog,
  createMemoryLoginThrottle,
  verifyWidgetToken,
} from '@company-chat/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler } from '../errors/error-handler.js';
import { accountRoutes } from './account-routes.js';
import { authenticateRequest, type IdentityEnv } from './authenticate-request.js';
import { widgetTokenRoute } from './widget-token-route.js';

const widgetSecret = 'widget-secret-widget-secret-widget-secret';

async function setup() {
  const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
  const accounts = createAccounts({
    store: createMemoryAccountStore(),
    secret: 'access-secret-access-secret-access-secret',
    passwordHash: { memorySize: 256, iterations: 1, parallelism: 1 },
  });
  const audit = createMemoryAuditLog();
  const authenticator = createAuthenticator({ apiKeys, accounts, widgetTokens: { secret: widgetSecret } });
  const api = new Hono<IdentityEnv>();
  const throttle = createMemoryLoginThrottle();
  api.route('/', accountRoutes({ accounts, audit, throttle, address: () => undefined, requestsPerMinute: 0 }));
  api.use(authenticateRequest({ authenticator }));
  api.route('/', widgetTokenRoute({ secret: widgetSecret }));
  api.get('/me', (c) => c.json(c.var.owner));
  const app = new Hono();
  app.route('/api/v1', api);
  app.onError(createErrorHandler(() => {}));
  return { app, apiKeys, accounts, audit };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('POST /api/v1/widget-tokens', () => {
  it('mints a token for a user of the key tenant with an admin-scoped key', async () => {
    const { app, apiKeys } = await setup();
    const { key } = await apiKeys.create({ tenantId: 'acme', userId: 'host-backend', name: 'host', scopes: ['admin'] });
    const res = await app.request(
      '/api/v1/widget-tokens',
      json({ userId: 'u42', roles: ['user', 'admin'], ttl: 300 }, { 'x-api-key': key }),
    );
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    expect(await verifyWidgetToken(token, { secret: widgetSecret })).toMatchObject({
      tenantId: 'acme',
      userId: 'u42',
      roles: ['user'],
    });
    const me = await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({ tenantId: 'acme', userId: 'u42' });
  });

  it('refuses keys without the admin scope, unauthenticated callers and a body naming a tenant', async () => {
    const { app, apiKeys } = await setup();
    const { key } = await apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'chat only', scopes: ['chat'] });
    expect((await app.request('/api/v1/widget-tokens', json({ userId: 'u1' }, { 'x-api-key': key }))).status).toBe(403);
    expect((await app.request('/api/v1/widget-tokens', json({ userId: 'u1' }))).status).toBe(401);
    const admin = await apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'a', scopes: ['admin'] });
    const bad = await app.request(
      '/api/v1/widget-tokens',
      json({ userId: 'u1', tenantId: 'other' }, { 'x-api-key': admin.key }),
    );
    expect(bad.status).toBe(400);
  });
});

describe('account routes', () => {
  it('logs in, refreshes with rotation, detects reuse and logs out', async () => {
    const { app, accounts, audit } = await setup();
    await accounts.register({ tenantId: 'default', email: 'alice@example.com', password: 'correct horse' });
    const wrong = await app.request('/api/v1/auth/login', json({ email: 'alice@example.com', password: 'nope' }));
    expect(wrong.status).toBe(401);
    const login = await app.request(
      '/api/v1/auth/login',
      json({ email: 'alice@example.com', password: 'correct horse' }),
    );
    expect(login.status).toBe(200);
    const first = (await login.json()) as { accessToken: string; refreshToken: string };
    expect(
      (await app.request('/api/v1/me', { headers: { authorization: `Bearer ${first.accessToken}` } })).status,
    ).toBe(200);
    const second = (await (
      await app.request('/api/v1/auth/refresh', json({ refreshToken: first.refreshToken }))
    ).json()) as {
      refreshToken: string;
      accessToken: string;
    };
    expect((await app.request('/api/v1/auth/refresh', json({ refreshToken: first.refreshToken }))).status).toBe(401);
    expect(
      (await app.request('/api/v1/me', { headers: { authorization: `Bearer ${second.accessToken}` } })).status,
    ).toBe(401);
    expect((await app.request('/api/v1/auth/logout', json({ refreshToken: second.refreshToken }))).status).toBe(204);
    const records = await audit.list('default');
    expect(records.map((r) => r.outcome)).toEqual(['success', 'failure']);
    expect(JSON.stringify(records)).not.toContain('alice@example.com');
  });
});
