import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createTestEngine } from '../../test/test-app.js';
import { createWorker, type WorkerExecutionContext } from './create-worker.js';

/** The ExecutionContext workerd passes to `fetch`: here it just collects `waitUntil` promises. */
function executionContext() {
  const waited: Promise<unknown>[] = [];
  const ctx: WorkerExecutionContext = { waitUntil: (p) => void waited.push(p) };
  return { ctx, waited };
}

const chatRequest = (content: string) =>
  new Request('http://localhost:8787/api/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'wanda' },
    body: JSON.stringify({ content }),
  });

describe('createWorker', () => {
  it('builds the app per request and keeps a stream alive with waitUntil until it ended, then disposes', async () => {
    const engine = createTestEngine({ default: scriptedChatModel({ deltas: ['one ', 'two'], delayMs: 5 }) });
    let setups = 0;
    const disposed: string[] = [];
    const worker = createWorker(() => {
      setups++;
      return { engine, dev: true, dispose: async () => void disposed.push(`setup ${setups}`) };
    });

    const health = executionContext();
    expect((await worker.fetch(new Request('http://localhost:8787/health'), {}, health.ctx)).status).toBe(200);
    await Promise.all(health.waited);
    expect(disposed).toEqual(['setup 1']); // no stream: disposed once the response is out

    const { ctx, waited } = executionContext();
    const response = await worker.fetch(chatRequest('hi'), {}, ctx);
    expect(response.status).toBe(200);
    expect(waited).toHaveLength(1);
    const events = parseSse(await response.text());
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
    await waited[0];
    expect(disposed).toEqual(['setup 1', 'setup 2']);
    expect(setups).toBe(2);
  });

  it('stores the partial answer after the client cancelled, within the waitUntil promise', async () => {
    const model = scriptedChatModel({ deltas: ['partial'], hang: true });
    const engine = createTestEngine({ default: model });
    const worker = createWorker(() => ({ engine, dev: true }));
    const { ctx, waited } = executionContext();
    const response = await worker.fetch(chatRequest('go'), {}, ctx);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"partial"')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel(); // the browser went away
    await waited[0];
    expect(model.calls[0]?.aborted).toBe(true);
    const id = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2)).find((e) => e.event === 'conversation')?.data
      .conversation.id;
    const stored = await engine.conversations.get({ tenantId: 'default', userId: 'wanda' }, id);
    expect(stored?.messages[1]).toMatchObject({ status: 'aborted', content: 'partial' });
  });

  it('refuses development mode on a deployed hostname, logging why', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const engine = createTestEngine({ default: scriptedChatModel({ deltas: ['x'] }) });
      let disposed = 0;
      const worker = createWorker(() => ({ engine, dev: true, dispose: async () => void disposed++ }));
      const deployed = new Request('https://chat.example.workers.dev/api/v1/conversations', {
        headers: { 'x-user-id': 'alice' },
      });
      const response = await worker.fetch(deployed, {}, executionContext().ctx);
      expect(response.status).toBe(500);
      expect(String(logged[0]?.[1])).toMatch(/Refusing to serve a development-mode app on chat\.example\.workers\.dev/);
      expect(disposed).toBe(1);
      const local = new Request('http://127.0.0.1:8787/api/v1/conversations', { headers: { 'x-user-id': 'alice' } });
      expect((await worker.fetch(local, {}, executionContext().ctx)).status).toBe(200);
    } finally {
      console.error = original;
    }
  });

  it('answers a JSON 500 without details when the setup fails', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const worker = createWorker(() => {
        throw new Error('DATABASE_URL points nowhere: postgres://user:hunter2@db');
      });
      const response = await worker.fetch(new Request('http://localhost:8787/health'), {}, executionContext().ctx);
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(JSON.parse(body).error.code).toBe('internal');
      expect(body).not.toContain('hunter2');
      expect(logged).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});

describe('createWorker sign-in throttle', () => {
  it('counts failed sign-ins across requests of one isolate, by CF-Connecting-IP', async () => {
    const { createAccounts, createMemoryAccountStore } = await import('@company-chat/core');
    const accounts = createAccounts({
      store: createMemoryAccountStore(),
      secret: 'access-secret-access-secret-access-secret',
      passwordHash: { memorySize: 256, iterations: 1, parallelism: 1 },
    });
    await accounts.register({ tenantId: 'default', email: 'wanda@example.com', password: 'correct horse' });
    const engine = createTestEngine({});
    const worker = createWorker(() => ({ engine, auth: { accounts } }));
    const login = (address: string) => {
      const request = new Request('http://worker.local/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': address },
        body: JSON.stringify({ email: 'wanda@example.com', password: 'guess' }),
      });
      // What Cloudflare's edge attaches to every request it forwards to a Worker.
      Object.defineProperty(request, 'cf', { value: { colo: 'LIS' } });
      return worker.fetch(request, {}, executionContext().ctx);
    };
    for (let i = 0; i < 5; i++) expect((await login('198.51.100.1')).status).toBe(401);
    expect((await login('198.51.100.1')).status).toBe(429);
    expect((await login('198.51.100.2')).status).toBe(401);
  });
});
