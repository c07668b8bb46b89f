import {
  createKnowledgeBase,
  createMemoryKnowledgeStore,
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  type Tiers,
} from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createIdentityApp } from '../../test/identity-app.js';
import { createTestApp } from '../../test/test-app.js';
import { serve } from '../node/serve.js';

const as = (user: string, init: RequestInit = {}) => ({ ...init, headers: { ...init.headers, 'x-user-id': user } });
const send = (content: string, extra: Record<string, unknown> = {}) =>
  ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content, ...extra }),
  }) as const;

function setup(tiers: Tiers, requestsPerMinutePerAddress?: number) {
  const knowledge = createKnowledgeBase({
    store: createMemoryKnowledgeStore(),
    logger: { info() {}, warn() {}, error() {} },
  });
  return createTestApp(
    { default: scriptedChatModel({ deltas: ['Hi'] }) },
    {
      knowledge,
      quotas: {
        tiers,
        ledger: createMemoryQuotaLedger({ tiers }),
        rateLimiter: createMemoryRateLimiter({ tiers }),
        ...(requestsPerMinutePerAddress === undefined ? {} : { requestsPerMinutePerAddress }),
      },
    },
  ).app;
}

describe('limits count what they name', () => {
  it('counts sends, regenerations and edits as messages, and nothing the widget reads', async () => {
    const app = setup({ free: { messagesPerMinute: 3 } });
    const first = parseSse(await (await app.request('/api/v1/chat', as('alice', send('one')))).text());
    const conversationId: string = first.find((e) => e.event === 'conversation')?.data.conversation.id;
    const answerId: string = first.find((e) => e.event === 'message-start')?.data.messageId;
    const userMessageId: string = first.find((e) => e.event === 'message-start')?.data.userMessageId;
    // Many more reads than the limit: the list, the conversation, models, quota, files.
    for (let i = 0; i < 10; i++) {
      for (const path of ['/conversations', `/conversations/${conversationId}`, '/models', '/quota', '/files']) {
        expect((await app.request(`/api/v1${path}`, as('alice'))).status, path).toBe(200);
      }
    }
    const regenerate = `/api/v1/conversations/${conversationId}/messages/${answerId}/regenerate`;
    const regenerated = await app.request(regenerate, as('alice', { method: 'POST' }));
    expect(regenerated.status).toBe(200);
    await regenerated.text();
    const edit = `/api/v1/conversations/${conversationId}/messages/${userMessageId}/edit`;
    const edited = await app.request(edit, as('alice', send('two, edited')));
    expect(edited.status).toBe(200);
    await edited.text();
    const limited = await app.request('/api/v1/chat', as('alice', send('four')));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', limit: 'messagesPerMinute', scope: 'user' },
    });
    // GET /quota still answers, so the widget can explain the limit; another user is unaffected.
    expect((await app.request('/api/v1/quota', as('alice'))).status).toBe(200);
    expect((await app.request('/api/v1/chat', as('bob', send('hello')))).status).toBe(200);
  });

  it('reads the deprecated requestsPerMinute as messagesPerMinute', async () => {
    const app = setup({ free: { requestsPerMinute: 1 } });
    for (let i = 0; i < 5; i++) expect((await app.request('/api/v1/conversations', as('alice'))).status).toBe(200);
    expect((await app.request('/api/v1/chat', as('alice', send('one')))).status).toBe(200);
    expect((await app.request('/api/v1/chat', as('alice', send('two')))).status).toBe(429);
  });

  it('counts uploads per hour', async () => {
    const app = setup({ free: { uploadsPerHour: 1 } });
    const upload = () => {
      const form = new FormData();
      form.append('file', new File(['Holidays: 30 days.'], 'policy.txt', { type: 'text/plain' }));
      return app.request('/api/v1/files', as('alice', { method: 'POST', body: form }));
    };
    expect((await upload()).status).toBe(201);
    const limited = await upload();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { limit: 'uploadsPerHour' } });
    expect((await app.request('/api/v1/files', as('alice'))).status).toBe(200);
  });

  it('caps requests per client address over a real connection, whoever asks', async () => {
    const handle = await serve({ app: setup({ free: {} }, 4), port: 0 });
    try {
      const statuses: number[] = [];
      for (const user of ['a', 'b', 'c', 'd', 'e']) {
        const res = await fetch(`${handle.url}/api/v1/quota`, {
          headers: { 'x-user-id': user, 'x-forwarded-for': `10.0.0.${user.charCodeAt(0)}` },
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(await res.json()).toMatchObject({
            error: { code: 'rate_limited', limit: 'requestsPerMinute', scope: 'address' },
          });
        } else await res.body?.cancel();
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await handle.close();
    }
  });
});

describe('shared collections', () => {
  it('take the admin role and, for an API key, the admin scope: a files key of an admin keeps to its own files', async () => {
    const knowledge = createKnowledgeBase({
      store: createMemoryKnowledgeStore(),
      logger: { info() {}, warn() {}, error() {} },
    });
    const { app, apiKeys } = await createIdentityApp({ default: scriptedChatModel({ deltas: ['x'] }) }, { knowledge });
    const keyWith = async (scopes: Array<'chat' | 'files' | 'admin'>) =>
      (await apiKeys.create({ tenantId: 'acme', userId: 'root', name: 'k', scopes, roles: ['user', 'admin'] })).key;
    const upload = (key: string, collection?: string) => {
      const form = new FormData();
      form.append('file', new File(['Holidays: 30 days.'], 'policy.txt', { type: 'text/plain' }));
      if (collection) form.append('collection', collection);
      return app.request('/api/v1/files', { method: 'POST', body: form, headers: { 'x-api-key': key } });
    };
    expect((await upload(await keyWith(['chat']), 'handbook')).status).toBe(403);
    const filesKey = await keyWith(['files']);
    expect((await upload(filesKey, 'handbook')).status).toBe(403);
    expect((await upload(filesKey)).status).toBe(201);
    expect((await upload(await keyWith(['files', 'admin']), 'handbook')).status).toBe(201);
  });
});
