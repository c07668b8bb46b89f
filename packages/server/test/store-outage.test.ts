import { createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { createPostgresChatStore } from '@company-chat/core/postgres';
import { createTestSchema, TEST_DATABASE_URL, TEST_REDIS_URL } from '@company-chat/testing/databases';
import { parseSse } from '@company-chat/testing/http';
import { gatedChatModel } from '@company-chat/testing/models';
import { startTcpProxy } from '@company-chat/testing/outage';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quotasFromEnv } from '../src/config/quotas-from-env.js';
import { createChatApp } from '../src/index.js';

const eventually = { timeout: 30_000, interval: 50 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const portOf = (url: string, fallback: number) => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || fallback) };
};

/** An app on PostgreSQL and Redis, each behind a proxy the test cuts and restores. */
async function setup() {
  const { schema, drop } = await createTestSchema();
  cleanups.push(drop);
  const pgProxy = await startTcpProxy(portOf(TEST_DATABASE_URL, 5432));
  cleanups.push(() => pgProxy.close());
  const redisProxy = await startTcpProxy(portOf(TEST_REDIS_URL, 6379));
  cleanups.push(() => redisProxy.close());
  const store = await createPostgresChatStore({
    connectionString: pgProxy.rewrite(TEST_DATABASE_URL),
    schema,
    max: 4,
    timeouts: { connectTimeoutMs: 1_000, queryTimeoutMs: 1_000, statementTimeoutMs: 1_000 },
  });
  cleanups.push(() => store.close());
  // Redis as the CLI wires it from the environment: quotas in Redis, and Redis in the readiness checks.
  const quotas = await quotasFromEnv({
    COMPANY_CHAT_TIERS: '{"free":{"requestsPerMinute":1000}}',
    REDIS_URL: redisProxy.rewrite(TEST_REDIS_URL),
  });
  cleanups.push(() => quotas.close());
  const model = gatedChatModel();
  const engine = createChatEngine({
    models: { default: model },
    store,
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    storeRetry: { initialMs: 50, maxMs: 250 },
    logger: { info() {}, warn() {}, error() {} },
  });
  cleanups.push(() => engine.shutdown());
  const logged: string[] = [];
  const app = createChatApp({
    engine,
    dev: true,
    logger: (message) => logged.push(message),
    quotas: quotas.quotas,
    readiness: quotas.readiness,
    readinessTimeoutMs: 1_500,
  });
  return { app, pgProxy, redisProxy, logged, model };
}

const readiness = async (app: Awaited<ReturnType<typeof setup>>['app'], path = '/health/ready') => {
  const res = await app.request(path);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
};

describe('/health/live, /health/ready and store_unavailable while PostgreSQL or Redis is away', () => {
  for (const cut of ['refused', 'black-holed'] as const) {
    it(`PostgreSQL ${cut}: ready flips to 503 and back, API routes answer 503 store_unavailable with Retry-After`, async () => {
      const { app, pgProxy, logged } = await setup();
      // Retried: on a loaded machine one check can outlast the short readiness timeout used here.
      await vi.waitFor(async () => {
        expect(await readiness(app)).toMatchObject({
          status: 200,
          body: { status: 'ok', checks: { store: 'ok', redis: 'ok', models: 'ok' } },
        });
      }, eventually);

      if (cut === 'refused') await pgProxy.refuse();
      else pgProxy.blackhole();
      await vi.waitFor(async () => {
        expect(await readiness(app)).toMatchObject({
          status: 503,
          retryAfter: '5',
          body: { status: 'unavailable', checks: { store: 'unavailable', redis: 'ok' } },
        });
      }, eventually);
      expect(await readiness(app, '/health')).toMatchObject({ status: 503 });
      expect((await app.request('/health/live')).status).toBe(200);

      const res = await app.request('/api/v1/conversations', { headers: { 'x-user-id': 'u' } });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toEqual({
        error: { code: 'store_unavailable', message: expect.any(String), retryAfterMs: expect.any(Number) },
      });
      expect(logged).toContain('the database is unavailable');

      await pgProxy.restore();
      await vi.waitFor(async () => {
        expect(await readiness(app)).toMatchObject({ status: 200, body: { checks: { store: 'ok' } } });
      }, eventually);
      await vi.waitFor(async () => {
        expect((await app.request('/api/v1/conversations', { headers: { 'x-user-id': 'u' } })).status).toBe(200);
      }, eventually);
    });

    it(`Redis ${cut}: ready flips to 503 and back`, async () => {
      const { app, redisProxy } = await setup();
      if (cut === 'refused') await redisProxy.refuse();
      else redisProxy.blackhole();
      await vi.waitFor(async () => {
        expect(await readiness(app)).toMatchObject({
          status: 503,
          body: { status: 'unavailable', checks: { store: 'ok', redis: 'unavailable' } },
        });
      }, eventually);
      await redisProxy.restore();
      await vi.waitFor(async () => {
        expect(await readiness(app)).toMatchObject({ status: 200, body: { checks: { redis: 'ok' } } });
      }, eventually);
    });
  }

  it('PostgreSQL refused at the end of an SSE answer: message-end arrives, the stored answer equals the text sent', async () => {
    const { app, pgProxy, model } = await setup();
    const headers = { 'content-type': 'application/json', 'x-user-id': 'u' };
    const res = await app.request('/api/v1/chat', { method: 'POST', headers, body: JSON.stringify({ content: 'Hi' }) });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let body = '';
    const readUntil = async (done: (events: ReturnType<typeof parseSse>) => boolean) => {
      while (!done(parseSse(body))) {
        const chunk = await reader.read();
        if (chunk.done) break;
        body += decoder.decode(chunk.value, { stream: true });
      }
      return parseSse(body);
    };
    await readUntil((events) => events.some((e) => e.event === 'message-start'));
    model.send('Everything the user ');
    model.send('saw on the screen.');
    await readUntil((events) => events.filter((e) => e.event === 'text-delta').length === 2);
    await pgProxy.refuse();
    model.end();
    const events = await readUntil(() => false);
    expect(events.some((e) => e.event === 'error')).toBe(false);
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'complete', savePending: true } });
    const conversationId = events[0]!.data.conversation.id;

    await pgProxy.restore();
    await vi.waitFor(async () => {
      const stored = await app.request(`/api/v1/conversations/${conversationId}`, { headers });
      const { messages } = await stored.json();
      expect(messages.at(-1)).toMatchObject({ status: 'complete', content: 'Everything the user saw on the screen.' });
    }, eventually);
    // The conversation is not left busy: once the lock's release (retried after the write) lands, the
    // next message is accepted (until then it is told 409 conversation_busy, which is retryable).
    const next = await vi.waitFor(async () => {
      const res = await app.request('/api/v1/chat', {
        method: 'POST',
        headers,
        body: JSON.stringify({ content: 'And now?', conversationId }),
      });
      expect(res.status).toBe(200);
      return res;
    }, eventually);
    model.end();
    await next.text();
  });

  it('ready is 503 when no model is configured; live stays 200', async () => {
    const engine = createChatEngine({ models: {}, store: createMemoryChatStore() });
    cleanups.push(() => engine.shutdown());
    const app = createChatApp({ engine, dev: true });
    expect(await readiness(app)).toMatchObject({
      status: 503,
      body: { checks: { store: 'ok', models: 'unavailable' } },
    });
    expect((await app.request('/health/live')).status).toBe(200);
  });
});
