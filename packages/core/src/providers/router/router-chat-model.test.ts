import { collect, expectProviderError, runChatModelConformance } from '@company-chat/testing/conformance';
import { startWireServer, type WireBehaviour, type WireServer } from '@company-chat/testing/wire';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anthropic } from '../anthropic/anthropic-provider.js';
import type { ChatModelRequest } from '../chat-model.js';
import { openai } from '../openai/openai-provider.js';
import { router } from './router-chat-model.js';

// A router over one deployment must be indistinguishable from that deployment.
runChatModelConformance('router (one deployment)', {
  vendor: {
    provider: 'openai-compatible',
    overloadedStatus: 503,
    contentFilterReason: 'content_filter',
    lengthReason: 'length',
    inStreamError: { errorType: 'server_error', code: 'upstream' },
  },
  createModel: (server, options) =>
    router({ routes: [openai({ model: 'solo', baseURL: server.openaiBaseURL, ...options })] }),
});

const request: ChatModelRequest = { messages: [{ role: 'user', content: 'Hello?' }] };

describe('router fallback and cooldown', () => {
  let a: WireServer;
  let b: WireServer;
  let clock = 1_000_000;
  const now = () => clock;
  // Only the first deployment (the one faults are scripted on) gets short timeouts: the fallback must
  // never time out itself on a loaded machine.
  const deployment = (server: WireServer, model: string) =>
    server === a
      ? openai({ baseURL: server.openaiBaseURL, model, firstTokenTimeoutMs: 300, idleTimeoutMs: 300 })
      : openai({ baseURL: server.openaiBaseURL, model });
  const pair = (extra: { fallbackOnAuth?: boolean } = {}) =>
    router({ routes: [deployment(a, 'model-a'), deployment(b, 'model-b')], now, ...extra });

  beforeAll(async () => {
    a = await startWireServer({ answer: 'Answer from A.' });
    b = await startWireServer({ answer: 'Answer from B.' });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });
  beforeEach(() => {
    a.reset();
    b.reset();
  });

  const faults: Array<[string, WireBehaviour, string]> = [
    ['429', { type: 'error', status: 429, retryAfter: '1' }, 'rate_limited'],
    ['500', { type: 'error', status: 500 }, 'upstream'],
    ['503 overloaded', { type: 'error', status: 503 }, 'overloaded'],
    ['a connection cut before the first token', { type: 'cut', afterChunks: 0 }, 'network'],
    ['a hang (first-token timeout)', { type: 'hang' }, 'timeout'],
  ];
  for (const [label, fault, code] of faults) {
    it(`falls back to the next deployment before the first token on ${label}`, async () => {
      a.script(fault);
      const seen: string[] = [];
      const model = router({
        routes: [deployment(a, 'model-a'), deployment(b, 'model-b')],
        now,
        onFallback: ({ error }) => seen.push(error.code),
      });
      const { parts, text, error } = await collect(model, request);
      expect(error).toBeUndefined();
      expect(text).toBe('Answer from B.');
      expect(seen).toEqual([code]);
      expect(a.requests).toHaveLength(1);
      expect(b.requests).toHaveLength(1);
      expect(parts.filter((p) => p.type === 'response-metadata')).toEqual([
        expect.objectContaining({ provider: 'openai-compatible', modelId: 'model-b' }),
      ]);
      expect(parts[0]?.type).toBe('response-metadata');
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    });
  }

  it('does not fall back after the first token: the error follows the partial text', async () => {
    a.script({ type: 'cut', afterChunks: 2 });
    const { text, error } = await collect(pair(), request);
    expectProviderError(error, 'network', true);
    expect(text).toBe('Answer from');
    expect(b.requests).toHaveLength(0);
  });

  it('does not fall back on a mid-stream stall either (timeout after partial text)', async () => {
    a.script({ type: 'stall', afterChunks: 1 });
    const { text, error } = await collect(pair(), request);
    expectProviderError(error, 'timeout', true);
    expect(text).toBe('Answer');
    expect(b.requests).toHaveLength(0);
  });

  it('honours Retry-After as the cooldown of the deployment that sent it', async () => {
    const model = pair();
    a.script({ type: 'error', status: 429, retryAfter: '60' });
    expect((await collect(model, request)).text).toBe('Answer from B.');
    expect(model.status().map((s) => s.coolingDownForMs)).toEqual([60_000, 0]);
    clock += 59_000;
    expect((await collect(model, request)).text).toBe('Answer from B.');
    expect(a.requests).toHaveLength(1);
    clock += 1_001;
    expect((await collect(model, request)).text).toBe('Answer from A.');
    expect(a.requests).toHaveLength(2);
    expect(model.status().map((s) => s.coolingDownForMs)).toEqual([0, 0]);
  });

  it('puts a failing deployment without Retry-After in the default cooldown', async () => {
    const model = router({ routes: [deployment(a, 'model-a'), deployment(b, 'model-b')], now, cooldownMs: 10_000 });
    a.script({ type: 'error', status: 500 });
    await collect(model, request);
    expect(model.status()[0]?.coolingDownForMs).toBe(10_000);
    await collect(model, request);
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(2);
    clock += 10_000;
    expect((await collect(model, request)).text).toBe('Answer from A.');
  });

  it('when every deployment is cooling down, tries only the one that recovers first', async () => {
    const model = pair();
    a.script({ type: 'error', status: 429, retryAfter: '30' });
    b.script({ type: 'error', status: 429, retryAfter: '5' });
    const first = await collect(model, request);
    expect(expectProviderError(first.error, 'rate_limited').retryAfterMs).toBe(5_000);
    const second = await collect(model, request);
    expect(second.text).toBe('Answer from B.');
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(2);
  });

  it('does not fall back on non-retryable errors, nor cool the deployment down', async () => {
    const model = pair();
    a.script({ type: 'error', status: 400 }, { type: 'error', status: 400, errorType: 'context_length_exceeded' });
    expectProviderError((await collect(model, request)).error, 'bad_request', false);
    expectProviderError((await collect(model, request)).error, 'context_length_exceeded', false);
    expect(b.requests).toHaveLength(0);
    expect(model.status()[0]?.coolingDownForMs).toBe(0);
  });

  it('falls back on auth by default (a broken key is a broken deployment); fallbackOnAuth: false throws', async () => {
    a.script({ type: 'error', status: 401 });
    expect((await collect(pair(), request)).text).toBe('Answer from B.');
    a.script({ type: 'error', status: 401 });
    expectProviderError((await collect(pair({ fallbackOnAuth: false }), request)).error, 'auth', false);
    expect(b.requests).toHaveLength(1);
  });

  it('does not fall back when the caller aborts', async () => {
    a.script({ type: 'hang' });
    const controller = new AbortController();
    const model = router({ routes: [openai({ baseURL: a.openaiBaseURL, model: 'a' }), deployment(b, 'model-b')], now });
    const collected = collect(model, request, { signal: controller.signal });
    // Aborted once the request is in flight at A: the router must not try B then.
    await vi.waitFor(() => expect(a.requests).toHaveLength(1), { timeout: 60_000, interval: 5 });
    controller.abort();
    const { error } = await collected;
    expect((error as DOMException).name).toBe('AbortError');
    expect(b.requests).toHaveLength(0);
    await a.requests[0]?.closed;
    expect(a.requests[0]?.clientClosed).toBe(true);
  });

  it('falls back across vendors (OpenAI-compatible 503 → Anthropic) and reports the one that answered', async () => {
    a.script({ type: 'error', status: 503 });
    const model = router({
      routes: [
        deployment(a, 'model-a'),
        anthropic({ apiKey: 'k', model: 'claude-haiku-4-5', baseURL: b.anthropicBaseURL, contextWindow: 100_000 }),
      ],
      now,
    });
    const { parts, text } = await collect(model, request);
    expect(text).toBe('Answer from B.');
    expect(parts[0]).toMatchObject({ type: 'response-metadata', provider: 'anthropic', modelId: 'claude-haiku-4-5' });
    expect(b.requests[0]?.path).toBe('/v1/messages');
    expect(model.provider).toBe('router');
    expect(model.modelId).toBe('model-a');
    expect(model.contextWindow).toBe(100_000);
  });

  it("falls back on Anthropic's 529 and on its overloaded_error event after HTTP 200", async () => {
    a.script({ type: 'error', status: 529 }, { type: 'stream-error', afterChunks: 0, errorType: 'overloaded_error' });
    const claude = anthropic({ apiKey: 'k', model: 'claude-haiku-4-5', baseURL: a.anthropicBaseURL });
    const seen: string[] = [];
    const model = () =>
      router({
        routes: [claude, deployment(b, 'model-b')],
        now,
        onFallback: ({ error }) => seen.push(`${error.code}:${error.upstreamStatus}`),
      });
    expect((await collect(model(), request)).text).toBe('Answer from B.');
    expect((await collect(model(), request)).text).toBe('Answer from B.');
    expect(seen).toEqual(['overloaded:529', 'overloaded:200']);
    expect(a.requests.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);
  });

  it('refuses an empty route list', () => {
    expect(() => router({ routes: [] })).toThrow(/at least one/);
  });
});
