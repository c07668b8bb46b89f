import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createIdentityApp, jsonInit } from '../../test/identity-app.js';

const models = () => ({
  default: scriptedChatModel({ deltas: ['Hi'] }, { modelId: 'gpt-4o-mini' }),
  fast: scriptedChatModel({ deltas: ['Yo'] }, { modelId: 'gpt-4.1-nano' }),
});

async function setup() {
  const env = await createIdentityApp(models());
  const admin = env.bearer(await env.jwt('boss', 'acme', {}, ['user', 'admin']));
  const call = (path: string, init: RequestInit = {}, headers: Record<string, string> = admin) =>
    env.app.request(`/api/v1/admin${path}`, { ...init, headers: { ...(init.headers as object), ...headers } });
  return { ...env, admin, call };
}

describe('admin API', () => {
  it('refuses users without the admin role (403, audited) and keys without the admin scope', async () => {
    const { call, widget, bearer, apiKeys, audit } = await setup();
    const user = bearer(await widget('u1', 'acme'));
    expect((await call('/users', {}, user)).status).toBe(403);
    expect((await call('/nothing-here', {}, user)).status).toBe(403);
    const chatKey = await apiKeys.create({
      tenantId: 'acme',
      userId: 'svc',
      name: 'k',
      scopes: ['chat'],
      roles: ['admin'],
    });
    expect((await call('/users', {}, { 'x-api-key': chatKey.key })).status).toBe(403);
    expect((await call('/users', {}, {})).status).toBe(401);
    expect((await audit.list('acme', { action: 'admin.denied' })).length).toBe(3);
  });

  it('creates, lists, searches, re-tiers, suspends, reactivates and deletes users with their data', async () => {
    const { call, widget, bearer, app, audit } = await setup();
    const created = await call('/users', jsonInit('POST', { id: 'carol', displayName: 'Carol C', tier: 'pro' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'carol', tier: 'pro', status: 'active', roles: ['user'] });
    expect((await call('/users', jsonInit('POST', { id: 'carol' }))).status).toBe(400);
    expect((await call('/users', jsonInit('POST', { id: 'dave', tier: 'platinum' }))).status).toBe(400);

    const carol = bearer(await widget('carol', 'acme'));
    const chat = await app.request('/api/v1/chat', jsonInit('POST', { content: 'hello' }, carol));
    expect(chat.status).toBe(200);
    await chat.text();

    const list = (await (await call('/users?search=carol')).json()) as { users: Array<{ id: string }>; total: number };
    expect(list.users.map((u) => u.id)).toEqual(['carol']);
    expect((await (await call('/users')).json()).total).toBe(2); // carol and the admin (seen on first request)

    const patched = await call('/users/carol', jsonInit('PATCH', { tier: 'free', roles: ['user', 'auditor'] }));
    expect(await patched.json()).toMatchObject({ tier: 'free', roles: ['user', 'auditor'] });
    expect((await call('/users/nobody', jsonInit('PATCH', { tier: 'free' }))).status).toBe(404);

    expect((await call('/users/carol/suspend', { method: 'POST' })).status).toBe(200);
    expect((await app.request('/api/v1/conversations', { headers: carol })).status).toBe(403);
    expect((await call('/users/boss/suspend', { method: 'POST' })).status).toBe(400);
    expect((await call('/users/carol/reactivate', { method: 'POST' })).status).toBe(200);
    const convs = await app.request('/api/v1/conversations', { headers: carol });
    expect(((await convs.json()) as { conversations: unknown[] }).conversations).toHaveLength(1);

    expect((await call('/users/carol', { method: 'DELETE' })).status).toBe(204);
    expect((await call('/users/carol')).status).toBe(404);
    const after = await app.request('/api/v1/conversations', { headers: carol });
    expect(((await after.json()) as { conversations: unknown[] }).conversations).toHaveLength(0);
    const actions = (await audit.list('acme')).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'user.update', 'user.suspend', 'user.reactivate', 'user.delete']),
    );
  });

  it('creates built-in accounts whose suspension ends sign-ins and sessions', async () => {
    const { call, app } = await setup();
    const created = await call(
      '/users',
      jsonInit('POST', { email: 'erin@example.com', password: 'correct horse battery', tier: 'pro' }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const login = await app.request(
      '/api/v1/auth/login',
      jsonInit('POST', { email: 'erin@example.com', password: 'correct horse battery', tenantId: 'acme' }),
    );
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect(
      (await app.request('/api/v1/conversations', { headers: { authorization: `Bearer ${accessToken}` } })).status,
    ).toBe(200);
    expect((await call(`/users/${id}/suspend`, { method: 'POST' })).status).toBe(200);
    expect(
      (await app.request('/api/v1/conversations', { headers: { authorization: `Bearer ${accessToken}` } })).status,
    ).toBe(403);
    const again = await app.request(
      '/api/v1/auth/login',
      jsonInit('POST', { email: 'erin@example.com', password: 'correct horse battery', tenantId: 'acme' }),
    );
    expect(again.status).toBe(403);
  });

  it('creates API keys shown once, lists them without secrets, revokes them (next request 401)', async () => {
    const { call, app, audit } = await setup();
    const res = await call('/api-keys', jsonInit('POST', { userId: 'svc-ci', name: 'CI', scopes: ['chat'] }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string };
    expect(created.key).toMatch(/^cc_live_/);
    expect((await app.request('/api/v1/conversations', { headers: { 'x-api-key': created.key } })).status).toBe(200);
    const listed = await (await call('/api-keys?userId=svc-ci')).text();
    expect(listed).toContain(created.id);
    expect(listed).not.toContain(created.key);
    expect(listed).not.toContain('hash');
    expect((await call(`/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request('/api/v1/conversations', { headers: { 'x-api-key': created.key } })).status).toBe(401);
    expect((await call(`/api-keys/${crypto.randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/api-keys', jsonInit('POST', { userId: 'x', name: 'n', scopes: ['root'] }))).status).toBe(400);
    const actions = (await audit.list('acme')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['api_key.create', 'api_key.revoke']));
  });

  it('reads and updates tiers (audited), and switches models off and on', async () => {
    const { call, app, tiers, audit, widget, bearer } = await setup();
    expect(await (await call('/tiers')).json()).toMatchObject({ enforced: true, tiers: { free: {}, pro: {} } });
    const put = await call(
      '/tiers/pro',
      jsonInit('PUT', { messagesPerMinute: 120, uploadsPerHour: 30, tokensPerDay: 2_000_000 }),
    );
    expect(put.status).toBe(200);
    expect(tiers.pro).toEqual({ messagesPerMinute: 120, uploadsPerHour: 30, tokensPerDay: 2_000_000 });
    expect((await call('/tiers/pro', jsonInit('PUT', { tokensPerDay: -1 }))).status).toBe(400);
    expect((await audit.list('acme', { action: 'quota.update' }))[0]?.details).toMatchObject({
      after: { messagesPerMinute: 120 },
    });
    // The deprecated name is still accepted (and read as messagesPerMinute).
    expect((await call('/tiers/legacy', jsonInit('PUT', { requestsPerMinute: 10 }))).status).toBe(200);

    const listed = (await (await call('/models')).json()) as {
      models: Array<{ id: string; enabled: boolean; modelId: string }>;
    };
    expect(listed.models.map((m) => [m.id, m.modelId, m.enabled])).toEqual([
      ['default', 'gpt-4o-mini', true],
      ['fast', 'gpt-4.1-nano', true],
    ]);
    expect((await call('/models/fast', jsonInit('PATCH', { enabled: false }))).status).toBe(200);
    const user = bearer(await widget('u1', 'acme'));
    const visible = (await (await app.request('/api/v1/models', { headers: user })).json()) as {
      models: Array<{ id: string }>;
    };
    expect(visible.models.map((m) => m.id)).toEqual(['default']);
    expect((await app.request('/api/v1/chat', jsonInit('POST', { content: 'x', model: 'fast' }, user))).status).toBe(
      403,
    );
    expect((await call('/models/fast', jsonInit('PATCH', { enabled: true }))).status).toBe(200);
    const ok = await app.request('/api/v1/chat', jsonInit('POST', { content: 'x', model: 'fast' }, user));
    expect(ok.status).toBe(200);
    await ok.text();
    expect((await call('/models/nope', jsonInit('PATCH', { enabled: true }))).status).toBe(404);
  });

  it('reports usage by user, model and day (JSON and CSV) and pages and exports the audit log', async () => {
    const { call, app, widget, bearer, jwt, audit } = await setup();
    for (const [user, model] of [
      ['u1', 'default'],
      ['u1', 'fast'],
      ['u2', 'default'],
    ] as const) {
      const res = await app.request(
        '/api/v1/chat',
        jsonInit('POST', { content: 'hi', model }, bearer(await widget(user, 'acme'))),
      );
      await res.text();
    }
    const other = await app.request(
      '/api/v1/chat',
      jsonInit('POST', { content: 'hi' }, bearer(await widget('u9', 'globex'))),
    );
    await other.text();
    const byUser = (await (await call('/usage?groupBy=user')).json()) as {
      rows: Array<{ key: string; requests: number }>;
    };
    expect(byUser.rows.map((r) => [r.key, r.requests])).toEqual([
      ['u1', 2],
      ['u2', 1],
    ]);
    const byModel = (await (await call('/usage?groupBy=model')).json()) as { rows: Array<{ key: string }> };
    expect(byModel.rows.map((r) => r.key)).toEqual(['default', 'fast']);
    const byDay = (await (await call('/usage?groupBy=day')).json()) as {
      rows: Array<{ key: string; requests: number }>;
    };
    expect(byDay.rows).toEqual([expect.objectContaining({ key: new Date().toISOString().slice(0, 10), requests: 3 })]);
    const csv = await call('/usage?groupBy=user&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toBe('key,requests,inputTokens,outputTokens,totalTokens,cost');
    expect((await call('/usage?groupBy=tenant')).status).toBe(400);
    expect((await call('/usage?from=yesterday')).status).toBe(400);
    const records = (await (await call('/usage/records?userId=u1')).json()) as { records: unknown[] };
    expect(records.records).toHaveLength(2);

    for (let i = 0; i < 3; i++) await call('/users', jsonInit('POST', { id: `p${i}` }));
    const page1 = (await (await call('/audit?action=user.create&limit=2')).json()) as {
      records: Array<{ id: string; target: string }>;
      nextBefore: string;
    };
    expect(page1.records.map((r) => r.target)).toEqual(['user:p2', 'user:p1']);
    const page2 = (await (await call(`/audit?action=user.create&limit=2&before=${page1.nextBefore}`)).json()) as {
      records: Array<{ target: string }>;
    };
    expect(page2.records.map((r) => r.target)).toEqual(['user:p0']);
    const exported = await (await call('/audit?format=csv')).text();
    expect(exported.split('\r\n')[0]).toBe('at,id,actor,action,target,outcome,ip,userAgent,details');
    expect((await audit.list('acme', { action: 'audit.export' })).length).toBe(1);

    const auditor = bearer(await jwt('aud', 'acme', {}, ['user', 'auditor']));
    expect((await call('/audit', {}, auditor)).status).toBe(200);
    expect((await call('/usage', {}, auditor)).status).toBe(200);
    expect((await call('/users', jsonInit('POST', { id: 'x' }), auditor)).status).toBe(403);
    expect((await call('/users', {}, auditor)).status).toBe(403);
  });
});
