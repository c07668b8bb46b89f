import {
  type ChatStore,
  createChatEngine,
  createMemoryChatStore,
  type Logger,
  ProviderError,
} from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config/config-from-env.js';
import { createErrorHandler } from '../src/errors/error-handler.js';
import { createChatApp } from '../src/index.js';

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
beforeEach(() => wire.reset());

type Line = { level: string; message: string; details: Record<string, unknown> };

/** The CLI's model configuration from `env`, on a dev-mode app whose engine logs into `lines`. */
function appFromEnv(env: Record<string, string>, store: ChatStore = createMemoryChatStore()) {
  const lines: Line[] = [];
  const record =
    (level: string) =>
    (message: string, details: Record<string, unknown> = {}) =>
      lines.push({ level, message, details });
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const engine = createChatEngine({
    models: configFromEnv(env).models,
    store,
    logger,
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
  });
  const app = createChatApp({ engine, dev: true, logger: () => {} });
  return { app, engine, lines };
}

const openaiEnv = () => ({
  OPENAI_BASE_URL: wire.openaiBaseURL,
  OPENAI_API_KEY: 'sk-wire',
  OPENAI_MODEL: 'gpt-4o-mini',
});

async function chat(app: ReturnType<typeof appFromEnv>['app'], content: string, headers: Record<string, string> = {}) {
  const res = await app.request('/api/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ content }),
  });
  return { res, events: parseSse(await res.text()) };
}

describe('provider failures reach the client with what it needs, and the log with the request id', () => {
  it('a 429 with retry-after arrives as rate_limited with retryAfterMs, then message-end', async () => {
    const { app, lines } = appFromEnv(openaiEnv());
    wire.script({ type: 'error', status: 429, retryAfter: '7', errorType: 'rate_limit_exceeded' });
    const { res, events } = await chat(app, 'hello', { 'x-request-id': 'req-429' });
    expect(res.headers.get('x-request-id')).toBe('req-429');
    const error = events.find((e) => e.event === 'error');
    expect(error?.data.error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 7_000 });
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'error' } });
    const logged = lines.find((l) => l.message === 'provider failed');
    expect(logged).toMatchObject({
      level: 'warn',
      details: { requestId: 'req-429', code: 'rate_limited', upstreamStatus: 429, retryAfterMs: 7_000 },
    });
  });

  it('a JSON error carries retryAfterMs and Retry-After too', async () => {
    const app = new Hono();
    app.get('/boom', () => {
      throw new ProviderError({ code: 'rate_limited', provider: 'openai', message: 'Slow down.', retryAfterMs: 2_500 });
    });
    app.onError(createErrorHandler(() => {}));
    const res = await app.request('/boom');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: 'Slow down.', retryAfterMs: 2_500 } });
  });

  it('a provider that never answers is reported at COMPANY_CHAT_PROVIDER_FIRST_TOKEN_TIMEOUT_MS', async () => {
    const { app, lines } = appFromEnv({ ...openaiEnv(), COMPANY_CHAT_PROVIDER_FIRST_TOKEN_TIMEOUT_MS: '300' });
    wire.script({ type: 'hang' });
    const { events } = await chat(app, 'hello');
    expect(events.find((e) => e.event === 'error')?.data.error).toMatchObject({ code: 'timeout', retryable: true });
    expect(events.find((e) => e.event === 'error')?.data.error.message).toMatch(/300 ms/);
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'error' } });
    expect(lines.some((l) => l.message === 'provider failed' && l.details.code === 'timeout')).toBe(true);
  });

  it('a provider that goes silent mid-answer is reported at COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS, text kept', async () => {
    const { app } = appFromEnv({ ...openaiEnv(), COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS: '300' });
    wire.script({ type: 'stall', afterChunks: 2 });
    const { events } = await chat(app, 'hello');
    expect(events.filter((e) => e.event === 'text-delta').length).toBeGreaterThan(0);
    const error = events.find((e) => e.event === 'error')?.data.error;
    expect(error).toMatchObject({ code: 'timeout' });
    expect(error.message).toMatch(/stopped sending for 300 ms/);
  });

  it('rejects a timeout that is not a number of milliseconds', () => {
    expect(() => configFromEnv({ ...openaiEnv(), COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS: '30s' })).toThrow(
      /COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS must be a whole number of milliseconds/,
    );
  });

  it('a fallback from the primary to the next provider is logged with the request id', async () => {
    const { app, lines } = appFromEnv({
      ...openaiEnv(),
      ANTHROPIC_API_KEY: 'sk-wire',
      ANTHROPIC_BASE_URL: wire.anthropicBaseURL,
    });
    wire.script({ type: 'error', status: 503, errorType: 'overloaded' });
    const { res, events } = await chat(app, 'hello');
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'complete' } });
    expect(wire.requests.map((r) => r.vendor)).toEqual(['openai', 'anthropic']);
    const fallback = lines.find((l) => l.message.includes('falling back'));
    expect(fallback).toMatchObject({
      level: 'warn',
      details: {
        requestId: res.headers.get('x-request-id'),
        from: 'openai-compatible/gpt-4o-mini',
        to: expect.stringMatching(/^anthropic\//),
        upstreamStatus: 503,
      },
    });
  });
});
