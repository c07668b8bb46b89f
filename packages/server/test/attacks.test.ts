import { request as httpRequest } from 'node:http';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerHandle, serve } from '../src/node/index.js';
import { createIdentityApp, JWT_AUDIENCE, JWT_ISSUER, jsonInit } from './identity-app.js';

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
type Env = Awaited<ReturnType<typeof createIdentityApp>>;

let env: Env;
beforeAll(async () => {
  env = await createIdentityApp(
    {
      default: scriptedChatModel({ deltas: ['Hel', 'lo'] }, { modelId: 'gpt-4o-mini' }),
      slow: scriptedChatModel({ deltas: ['wait'], hang: true }, { modelId: 'gpt-4o-mini' }),
    },
    { recheckMs: 50 },
  );
});

const get = (path: string, headers: Record<string, string>) => env.app.request(path, { headers });

describe('attack: forged, stale and misdirected JWTs → 401', () => {
  it('accepts the genuine token (control)', async () => {
    expect((await get('/api/v1/conversations', env.bearer(await env.jwt('alice', 'acme')))).status).toBe(200);
  });

  it.each([
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', tid: 'acme', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: now() + 300 })}.`,
    ],
    [
      'alg confusion (HS256 signed with the public key)',
      async () =>
        new SignJWT({ sub: 'alice', tid: 'acme', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: now() + 300 })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(env.publicKeyPem)),
    ],
    ['expired', async () => env.jwt('alice', 'acme', { exp: now() - 3600, iat: now() - 7200 })],
    ['not yet valid (nbf)', async () => env.jwt('alice', 'acme', { nbf: now() + 3600 })],
    ['wrong issuer', async () => env.jwt('alice', 'acme', { iss: 'https://evil.example.com/' })],
    ['wrong audience', async () => env.jwt('alice', 'acme', { aud: 'another-app' })],
    [
      'foreign key',
      async () => {
        const foreign = await generateKeyPair('RS256');
        return new SignJWT({ sub: 'alice', tid: 'acme', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: now() + 300 })
          .setProtectedHeader({ alg: 'RS256' })
          .sign(foreign.privateKey);
      },
    ],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await env.jwt('alice', 'acme')).split('.');
        return `${h}.${b64({ sub: 'root', tid: 'acme', roles: ['admin'], iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: now() + 300 })}.${s}`;
      },
    ],
  ])('%s', async (_name, make) => {
    const res = await get('/api/v1/conversations', env.bearer(await make()));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('ignores the development header when dev mode is off', async () => {
    expect((await get('/api/v1/conversations', { 'x-user-id': 'alice' })).status).toBe(401);
  });
});

describe('attack: admin path variants → 401/403/404, never the admin API', () => {
  const variants = [
    '/API/v1/admin/users',
    '/api/V1/admin/users',
    '/api/v1/ADMIN/users',
    '/api/v1//admin/users',
    '//api/v1/admin/users',
    '/api/v1/admin//users',
    '/api/v1/admin/users/',
    '/api/v1/admin/users//',
    '/api/v1/%61dmin/users',
    '/api/v1/admin%2fusers',
    '/api/v1/admin%2Fusers',
    '/api/v1/x/%2e%2e/admin/users',
    '/api/v1/x/%2E%2E/admin/users',
    '/api/v1/%2e/admin/users',
    '/api/v1/./admin/users',
    '/api/v1/x/../admin/users',
    '/api/v1/admin/users%00',
    '/api/v1/admin/users;.json',
    '/api/v1/admin/users?role=admin',
    '/api/v1/admin/users#',
  ];

  it.each(variants)('%s in-process, as a plain user', async (path) => {
    const res = await get(path, env.bearer(await env.widget('mallory', 'acme')));
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('"users"');
  });

  it.each(variants)('%s in-process, without credentials', async (path) => {
    const res = await get(path, {});
    expect([401, 404]).toContain(res.status);
  });

  it('a crafted Host or rewrite header does not change which route or rule applies', async () => {
    const user = env.bearer(await env.widget('mallory', 'acme'));
    for (const headers of <Array<Record<string, string>>>[
      { host: 'admin.internal' },
      { host: 'localhost/api/v1/admin' },
      { 'x-original-url': '/api/v1/admin/users' },
      { 'x-rewrite-url': '/api/v1/admin/users' },
      { 'x-forwarded-prefix': '/api/v1/admin' },
    ]) {
      const res = await get('/api/v1/admin/users', { ...user, ...headers });
      expect(res.status).toBe(403);
      const models = await get('/api/v1/models', { ...user, ...headers });
      expect(await models.text()).not.toContain('"users"');
    }
  });

  describe('over a real socket (raw request targets, no client-side normalisation)', () => {
    let handle: ServerHandle;
    let own: Env;
    beforeAll(async () => {
      // Its own app: closing the server shuts its engine down.
      own = await createIdentityApp({ default: scriptedChatModel({ deltas: ['a'] }) });
      handle = await serve({ app: own.app, port: 0 });
    });
    afterAll(async () => {
      await handle.close();
    });
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(handle.url);
        const req = httpRequest({ host: url.hostname, port: url.port, path, headers, method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });

    it.each([
      ...variants.filter((v) => !v.includes('#')),
      '/api/v1/admin\\users',
      '/api/v1\\admin/users',
      'http://evil/api/v1/admin/users',
    ])('%s', async (path) => {
      const token = await own.widget('mallory', 'acme');
      const res = await raw(path, { authorization: `Bearer ${token}`, host: 'admin.internal' });
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body).not.toContain('"users"');
    });

    it('the canonical path works for an admin (control)', async () => {
      const res = await raw('/api/v1/admin/users', {
        authorization: `Bearer ${await own.jwt('boss', 'acme', {}, ['user', 'admin'])}`,
      });
      expect(res.status).toBe(200);
    });
  });
});

describe("attack: other users' and other tenants' resources → 404", () => {
  async function aliceConversation() {
    const alice = env.bearer(await env.widget('alice', 'acme'));
    const res = await env.app.request('/api/v1/chat', jsonInit('POST', { content: 'secret plans' }, alice));
    const events = parseSse(await res.text());
    const conversationId = (events[0]?.data as { conversation: { id: string } } | undefined)?.conversation.id ?? '';
    const start = events.find((e) => e.event === 'message-start')?.data as { userMessageId: string; messageId: string };
    return { conversationId, userMessageId: start.userMessageId, messageId: start.messageId };
  }

  it.each([
    ['user B of the same tenant', () => env.widget('bob', 'acme')],
    ['the same user id in another tenant', () => env.widget('alice', 'globex')],
    ['an admin of another tenant', () => env.jwt('boss', 'globex', {}, ['user', 'admin'])],
  ])('%s', async (_name, token) => {
    const { conversationId: id, userMessageId, messageId } = await aliceConversation();
    const other = env.bearer(await token());
    const attempts: Array<[string, RequestInit]> = [
      [`/api/v1/conversations/${id}`, { headers: other }],
      [`/api/v1/conversations/${id}`, jsonInit('PATCH', { title: 'pwned' }, other)],
      [`/api/v1/conversations/${id}`, { method: 'DELETE', headers: other }],
      [`/api/v1/conversations/${id}/export`, { headers: other }],
      [`/api/v1/conversations/${id}/export?format=md`, { headers: other }],
      [`/api/v1/conversations/${id}/active-leaf`, jsonInit('PUT', { messageId }, other)],
      [`/api/v1/conversations/${id}/messages/${messageId}/regenerate`, jsonInit('POST', {}, other)],
      [`/api/v1/conversations/${id}/messages/${userMessageId}/edit`, jsonInit('POST', { content: 'x' }, other)],
      ['/api/v1/chat', jsonInit('POST', { content: 'continue', conversationId: id }, other)],
    ];
    for (const [path, init] of attempts) {
      const res = await env.app.request(path, init);
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(404);
    }
    const mine = await env.app.request('/api/v1/conversations', { headers: other });
    expect(JSON.stringify(await mine.json())).not.toContain(id);
    const stillThere = await env.app.request(`/api/v1/conversations/${id}`, {
      headers: env.bearer(await env.widget('alice', 'acme')),
    });
    expect(stillThere.status).toBe(200);
    expect(JSON.stringify(await stillThere.json())).not.toContain('pwned');
  });

  it("an admin of another tenant cannot revoke this tenant's keys or read its users", async () => {
    const key = await env.apiKeys.create({ tenantId: 'acme', userId: 'svc', name: 'k', scopes: ['chat'] });
    const globexAdmin = env.bearer(await env.jwt('boss', 'globex', {}, ['user', 'admin']));
    const res = await env.app.request(`/api/v1/admin/api-keys/${key.id}`, { method: 'DELETE', headers: globexAdmin });
    expect(res.status).toBe(404);
    expect((await get('/api/v1/conversations', { 'x-api-key': key.key })).status).toBe(200);
    const users = (await (await get('/api/v1/admin/users', globexAdmin)).json()) as {
      users: Array<{ tenantId: string }>;
    };
    expect(users.users.every((u) => u.tenantId === 'globex')).toBe(true);
  });
});

describe('attack: revoked, suspended and replayed credentials', () => {
  it('a revoked key is refused 401 on the next request, and its open stream ends', async () => {
    const { key, id } = await env.apiKeys.create({
      tenantId: 'acme',
      userId: 'svc-stream',
      name: 'k',
      scopes: ['chat'],
    });
    const res = await env.app.request(
      '/api/v1/chat',
      jsonInit('POST', { content: 'go', model: 'slow' }, { 'x-api-key': key }),
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: text-delta')) text += new TextDecoder().decode((await reader.read()).value);
    await env.apiKeys.revoke('acme', id);
    expect((await get('/api/v1/conversations', { 'x-api-key': key })).status).toBe(401);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const end = parseSse(text).find((e) => e.event === 'message-end');
    expect(end?.data).toMatchObject({ status: 'aborted' });
  });

  it('a suspended user gets 403 with any credential', async () => {
    await env.users.ensure({ tenantId: 'acme', id: 'sus' });
    await env.users.update('acme', 'sus', { status: 'suspended' });
    const key = await env.apiKeys.create({ tenantId: 'acme', userId: 'sus', name: 'k', scopes: ['chat'] });
    for (const headers of [
      env.bearer(await env.jwt('sus', 'acme')),
      env.bearer(await env.widget('sus', 'acme')),
      { 'x-api-key': key.key },
    ]) {
      expect((await get('/api/v1/conversations', headers)).status).toBe(403);
    }
  });

  it('a rotated refresh token presented again is refused 401 and revokes the whole family', async () => {
    await env.accounts.register({ tenantId: 'default', email: 'rita@example.com', password: 'correct horse' });
    const login = await env.app.request(
      '/api/v1/auth/login',
      jsonInit('POST', { email: 'rita@example.com', password: 'correct horse' }),
    );
    const first = (await login.json()) as { refreshToken: string };
    const rotated = await env.app.request(
      '/api/v1/auth/refresh',
      jsonInit('POST', { refreshToken: first.refreshToken }),
    );
    const second = (await rotated.json()) as { refreshToken: string; accessToken: string };
    const replay = await env.app.request(
      '/api/v1/auth/refresh',
      jsonInit('POST', { refreshToken: first.refreshToken }),
    );
    expect(replay.status).toBe(401);
    expect(
      (await env.app.request('/api/v1/auth/refresh', jsonInit('POST', { refreshToken: second.refreshToken }))).status,
    ).toBe(401);
    expect((await get('/api/v1/conversations', env.bearer(second.accessToken))).status).toBe(401);
  });

  it('an access token cannot be used as a widget token or the other way round', async () => {
    const widget = await env.widget('alice', 'acme');
    const refresh = await env.app.request('/api/v1/auth/refresh', jsonInit('POST', { refreshToken: widget }));
    expect([400, 401]).toContain(refresh.status);
    const [h, p] = widget.split('.');
    const asAccess = `${b64({ ...JSON.parse(Buffer.from(h!, 'base64url').toString()), typ: 'company-chat-access' })}.${p}.sig`;
    expect((await get('/api/v1/conversations', env.bearer(asAccess))).status).toBe(401);
  });
});
