import {
  createApiKeys,
  createAuthenticator,
  createMemoryApiKeyStore,
  createMemoryAuditLog,
  createMemoryRateLimiter,
  mintWidgetToken,
} from '@company-chat/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler } from '../errors/error-handler.js';
import { authenticateRequest, type IdentityEnv } from './authenticate-request.js';
import { socketClientAddress } from './client-address.js';

const widgetSecret = 'widget-secret-widget-secret-widget-secret';

async function setup() {
  const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
  const audit = createMemoryAuditLog();
  const authenticator = createAuthenticator({
    apiKeys,
    widgetTokens: { secret: widgetSecret },
    userStatus: async (p) => (p.userId === 'suspended-user' ? 'suspended' : 'active'),
  });
  const rateLimiter = createMemoryRateLimiter({ tiers: { free: { messagesPerMinute: 2 } } });
  const app = new Hono<IdentityEnv>();
  app.use(
    '/api/*',
    authenticateRequest({
      authenticator,
      rateLimiter,
      audit,
      addressCeiling: { perMinute: 3, clientAddress: socketClientAddress },
    }),
  );
  app.get('/api/me', (c) => c.json({ owner: c.var.owner, via: c.var.principal.via }));
  app.onError(createErrorHandler(() => {}));
  return { app, apiKeys, audit };
}

describe('authenticateRequest', () => {
  it('answers 401 JSON without credentials and with a forged token', async () => {
    const { app } = await setup();
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
      { 'x-user-id': 'alice' },
    ];
    for (const headers of cases) {
      const res = await app.request('/api/me', { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    }
  });

  it('sets owner and principal from a widget token or an API key', async () => {
    const { app, apiKeys } = await setup();
    const token = await mintWidgetToken({ secret: widgetSecret, user: { id: 'w1', tenantId: 'acme' } });
    const res = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toEqual({ owner: { tenantId: 'acme', userId: 'w1' }, via: 'widget-token' });
    const { key } = await apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'ci', scopes: ['chat'] });
    expect((await (await app.request('/api/me', { headers: { 'x-api-key': key } })).json()).via).toBe('api-key');
  });

  it('caps requests per connection address (429 with Retry-After), whatever X-Forwarded-For says or who asks', async () => {
    const { app, apiKeys } = await setup();
    const token = await mintWidgetToken({ secret: widgetSecret, user: { id: 'w1', tenantId: 'acme' } });
    const { key } = await apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'ci', scopes: ['chat'] });
    // The Node adapter hands Hono the incoming request as env; its socket names the peer.
    const from = (peer: string) => ({ incoming: { socket: { remoteAddress: peer } } });
    const call = (peer: string, headers: Record<string, string>) => app.request('/api/me', { headers }, from(peer));
    expect((await call('10.0.0.1', { authorization: `Bearer ${token}`, 'x-forwarded-for': '1.1.1.1' })).status).toBe(
      200,
    );
    expect((await call('10.0.0.1', { 'x-api-key': key, 'x-forwarded-for': '2.2.2.2' })).status).toBe(200);
    expect((await call('10.0.0.1', { 'x-forwarded-for': '3.3.3.3' })).status).toBe(401);
    const limited = await call('10.0.0.1', { authorization: `Bearer ${token}`, 'x-forwarded-for': '4.4.4.4' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', limit: 'requestsPerMinute', scope: 'address' },
    });
    expect((await call('10.0.0.2', { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('answers 403 for a suspended user and revoked keys 401 on the next request', async () => {
    const { app, apiKeys } = await setup();
    const suspended = await apiKeys.create({ tenantId: 'acme', userId: 'suspended-user', name: 'x', scopes: ['chat'] });
    expect((await app.request('/api/me', { headers: { 'x-api-key': suspended.key } })).status).toBe(403);
    const { key, id } = await apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'x', scopes: ['chat'] });
    expect((await app.request('/api/me', { headers: { 'x-api-key': key } })).status).toBe(200);
    await apiKeys.revoke('acme', id);
    expect((await app.request('/api/me', { headers: { 'x-api-key': key } })).status).toBe(401);
  });
});
