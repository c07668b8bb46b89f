import { describe, expect, it } from 'vitest';
import { createAccounts } from './accounts.js';
import { createApiKeys } from './api-keys.js';
import { createAuthenticator } from './authenticator.js';
import { authorize } from './authorize.js';
import { createMemoryAccountStore } from './memory-account-store.js';
import { createMemoryApiKeyStore } from './memory-api-key-store.js';
import { mintWidgetToken } from './widget-token.js';

const widgetSecret = 'widget-secret-widget-secret-widget-secret';
const accessSecret = 'access-secret-access-secret-access-secret';

async function setup(extra: Parameters<typeof createAuthenticator>[0] = {}) {
  const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
  const accounts = createAccounts({
    store: createMemoryAccountStore(),
    secret: accessSecret,
    passwordHash: { memorySize: 256, iterations: 1, parallelism: 1 },
  });
  const auth = createAuthenticator({ apiKeys, accounts, widgetTokens: { secret: widgetSecret }, ...extra });
  return { apiKeys, accounts, auth };
}

const bearer = (token: string, more: Record<string, string> = {}) =>
  new Request('http://x/api/v1/chat', { headers: { authorization: `Bearer ${token}`, ...more } });

describe('createAuthenticator', () => {
  it('resolves API keys from Authorization and X-API-Key', async () => {
    const { apiKeys, auth } = await setup();
    const { key } = await apiKeys.create({ tenantId: 't1', userId: 'svc', name: 'n', scopes: ['chat'] });
    expect((await auth.authenticate(bearer(key))).via).toBe('api-key');
    expect((await auth.authenticate(new Headers({ 'x-api-key': key }))).userId).toBe('svc');
  });

  it('resolves widget tokens and access tokens', async () => {
    const { accounts, auth } = await setup();
    const widget = await mintWidgetToken({ secret: widgetSecret, user: { id: 'w1', tenantId: 't1' } });
    expect(await auth.authenticate(bearer(widget))).toMatchObject({ userId: 'w1', via: 'widget-token' });
    await accounts.register({ tenantId: 't1', email: 'a@example.com', password: 'password1' });
    const { accessToken } = await accounts.login({ tenantId: 't1', email: 'a@example.com', password: 'password1' });
    expect((await auth.authenticate(bearer(accessToken))).via).toBe('session');
  });

  it('never accepts an access token as a widget token or the reverse, even with one shared secret', async () => {
    const { accounts, auth } = await setup({ widgetTokens: { secret: accessSecret } });
    await accounts.register({ tenantId: 't1', email: 'a@example.com', password: 'password1' });
    const { accessToken } = await accounts.login({ tenantId: 't1', email: 'a@example.com', password: 'password1' });
    const [, payload, signature] = accessToken.split('.');
    const relabelled = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'company-chat-widget' })).toString('base64url')}.${payload}.${signature}`;
    await expect(auth.authenticate(bearer(relabelled))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('401 for no credentials, two credentials, malformed headers and disabled methods', async () => {
    const { apiKeys, auth } = await setup();
    const { key } = await apiKeys.create({ tenantId: 't1', userId: 'svc', name: 'n', scopes: ['chat'] });
    const cases = [
      new Headers(),
      new Headers({ authorization: `Bearer ${key}`, 'x-api-key': key }),
      new Headers({ authorization: `Basic ${btoa('a:b')}` }),
      new Headers({ authorization: 'Bearer' }),
      new Headers({ authorization: 'Bearer not-a-jwt' }),
      new Headers({ 'x-user-id': 'admin' }), // the dev header is ignored unless dev mode is on
    ];
    for (const headers of cases) {
      await expect(auth.authenticate(headers)).rejects.toMatchObject({ code: 'unauthenticated', statusCode: 401 });
    }
    const bare = createAuthenticator({});
    await expect(bare.authenticate(bearer(key))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('enforces the per-tenant origin allowlist for widget traffic', async () => {
    const { auth } = await setup({
      widgetTokens: {
        secret: widgetSecret,
        allowedOrigins: (tenant) => (tenant === 't1' ? ['https://a.example.com'] : undefined),
      },
    });
    const token = await mintWidgetToken({ secret: widgetSecret, user: { id: 'w1', tenantId: 't1' } });
    expect((await auth.authenticate(bearer(token, { origin: 'https://a.example.com' }))).userId).toBe('w1');
    await expect(auth.authenticate(bearer(token, { origin: 'https://b.example.com' }))).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(auth.authenticate(bearer(token))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('gives a suspended user 403', async () => {
    const { apiKeys, auth } = await setup({
      userStatus: async (p) => (p.userId === 'banned' ? 'suspended' : 'active'),
    });
    const { key } = await apiKeys.create({ tenantId: 't1', userId: 'banned', name: 'n', scopes: ['chat'] });
    await expect(auth.authenticate(bearer(key))).rejects.toMatchObject({ code: 'forbidden', statusCode: 403 });
  });

  it('dev mode trusts X-User-Id only when enabled', async () => {
    const auth = createAuthenticator({ dev: { enabled: true } });
    expect(await auth.authenticate(new Headers({ 'x-user-id': 'bob' }))).toEqual({
      tenantId: 'default',
      userId: 'bob',
      roles: ['user'],
      tier: 'free',
      via: 'dev',
    });
    expect((await auth.authenticate(new Headers())).userId).toBe('dev-user');
    await expect(auth.authenticate(new Headers({ 'x-user-id': '../../etc' }))).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalid_request',
    });
  });

  it('authorize checks roles and API key scopes', async () => {
    const { apiKeys, auth } = await setup();
    const chatOnly = await auth.authenticate(
      bearer((await apiKeys.create({ tenantId: 't', userId: 'u', name: 'n', scopes: ['chat'] })).key),
    );
    expect(() => authorize(chatOnly, { scope: 'chat' })).not.toThrow();
    expect(() => authorize(chatOnly, { scope: 'files' })).toThrow(expect.objectContaining({ statusCode: 403 }));
    expect(() => authorize(chatOnly, { role: 'admin' })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    const widget = await auth.authenticate(bearer(await mintWidgetToken({ secret: widgetSecret, user: { id: 'w' } })));
    expect(() => authorize(widget, { scope: 'files' })).not.toThrow();
  });
});
