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
import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler } from '../errors/error-handler.js';
import { API_ROUTES } from '../routes/api-route-table.js';
import { routeAccess } from '../routes/route-access.js';
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
  api.use(routeAccess({ routes: API_ROUTES }) as unknown as MiddlewareHandler<IdentityEnv>);
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
  const page = 'https://intranet.example.com';

  it('mints a token bound to a page origin for a user of the key tenant with a widget-tokens key of an admin', async () => {
    const { app, apiKeys } = await setup();
    const { key } = await apiKeys.create({
      tenantId: 'acme',
      userId: 'host-backend',
      name: 'host',
      scopes: ['widget-tokens'],
      roles: ['user', 'admin'],
    });
    const res = await app.request(
      '/api/v1/widget-tokens',
      json({ userId: 'u42', roles: ['user', 'auditor'], ttl: 300, origin: `${page}/chat` }, { 'x-api-key': key }),
    );
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    expect(await verifyWidgetToken(token, { secret: widgetSecret, origin: page })).toMatchObject({
      tenantId: 'acme',
      userId: 'u42',
      roles: ['user'],
    });
    const me = (origin?: string) =>
      app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) } });
    expect(await (await me(page)).json()).toEqual({ tenantId: 'acme', userId: 'u42' });
    expect((await me('https://evil.example.com')).status).toBe(401);
    // No Origin (a server-to-server call, or a copied token in curl) is refused for a bound token.
    expect((await me()).status).toBe(401);
  });

  it('refuses keys without the widget-tokens scope or the admin role, unauthenticated callers and bad bodies', async () => {
    const { app, apiKeys } = await setup();
    const mint = (key: string | undefined, body: Record<string, unknown> = { userId: 'u1', origin: page }) =>
      app.request('/api/v1/widget-tokens', json(body, key ? { 'x-api-key': key } : {}));
    const keyWith = async (scopes: Array<'chat' | 'admin' | 'widget-tokens'>, roles: Array<'user' | 'admin'>) =>
      (await apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'k', scopes, roles })).key;
    expect((await mint(await keyWith(['chat'], ['user', 'admin']))).status).toBe(403);
    // The admin scope alone no longer mints, and a user-role key cannot impersonate whatever its scopes.
    expect((await mint(await keyWith(['admin'], ['user', 'admin']))).status).toBe(403);
    expect((await mint(await keyWith(['widget-tokens', 'admin'], ['user']))).status).toBe(403);
    expect((await mint(undefined)).status).toBe(401);
    const minter = await keyWith(['widget-tokens'], ['user', 'admin']);
    expect((await mint(minter, { userId: 'u1', origin: page, tenantId: 'other' })).status).toBe(400);
    expect((await mint(minter, { userId: 'u1' })).status).toBe(400);
    expect((await mint(minter, { userId: 'u1', origin: 'javascript:alert(1)' })).status).toBe(400);
    expect((await mint(minter)).status).toBe(201);
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
