import {
  type ChatModel,
  type ChatModelRequest,
  type ChatModelStreamPart,
  ProviderError,
  type ProviderErrorCode,
} from '@company-chat/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWireServer, type WireServer } from '../wire/wire-server.js';

/** Per-call overrides the suite needs from a model factory. */
export interface ConformanceModelOptions {
  apiKey: string;
  firstTokenTimeoutMs?: number;
  idleTimeoutMs?: number;
}

/** Vendor facts the suite needs to script faults in the vendor's own terms. */
export interface ConformanceVendor {
  /** Provider name the model reports (`openai`, `azure`, `openai-compatible`, `anthropic`). */
  provider: string;
  /** The HTTP status the vendor uses for "overloaded" (OpenAI 503, Anthropic 529). */
  overloadedStatus: number;
  /** Raw finish reasons for a content filter stop and a length stop. */
  contentFilterReason: string;
  lengthReason: string;
  /** An in-stream error event type and the code it must map to. */
  inStreamError: { errorType: string; code: ProviderErrorCode };
}

/** What a conformance run needs: the vendor facts and a factory pointing a model at the wire server. */
export interface ConformanceSetup {
  vendor: ConformanceVendor;
  createModel(server: WireServer, options: ConformanceModelOptions): ChatModel;
}

/** The result of draining a model stream. */
export interface Collected {
  parts: ChatModelStreamPart[];
  text: string;
  error: unknown;
}

/** Drains `doStream`, keeping the parts seen before any error. */
export async function collect(
  model: ChatModel,
  request: ChatModelRequest,
  options: { signal?: AbortSignal; onPart?: (part: ChatModelStreamPart) => void } = {},
): Promise<Collected> {
  const parts: ChatModelStreamPart[] = [];
  let error: unknown;
  try {
    for await (const part of model.doStream(request, { signal: options.signal })) {
      parts.push(part);
      options.onPart?.(part);
    }
  } catch (e) {
    error = e;
  }
  const text = parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
  return { parts, text, error };
}

/** Asserts `error` is a ProviderError with the code and retryability, and returns it. */
export function expectProviderError(error: unknown, code: ProviderErrorCode, retryable?: boolean): ProviderError {
  expect(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`).toBe(true);
  const e = error as ProviderError;
  expect(e.code).toBe(code);
  if (retryable !== undefined) expect(e.isRetryable).toBe(retryable);
  return e;
}

const apiKey = 'sk-wire-test-0123456789abcdef';
const answer = 'The quick brown fox jumps over the lazy dog.';
const request: ChatModelRequest = {
  system: 'You are a terse assistant.',
  messages: [{ role: 'user', content: 'Say the pangram.' }],
  maxOutputTokens: 256,
};

/**
 * The provider conformance suite: every ChatModel implementation talks over real HTTP to the wire
 * server and must stream, fail with typed errors for every injected fault, time out and abort alike.
 */
export function runChatModelConformance(name: string, setup: ConformanceSetup): void {
  describe(`${name}: ChatModel conformance`, () => {
    let server: WireServer;
    const model = (options: Partial<ConformanceModelOptions> = {}) => setup.createModel(server, { apiKey, ...options });
    const { vendor } = setup;

    beforeAll(async () => {
      server = await startWireServer({ apiKey, answer });
    });
    afterAll(async () => {
      await server.close();
    });
    beforeEach(() => server.reset());

    it('streams an answer: metadata first, text that concatenates, usage, finish last', async () => {
      const { parts, text, error } = await collect(model(), request);
      expect(error).toBeUndefined();
      expect(text).toBe(answer);
      // A provider may join the deltas of one network read into one part: the count depends on the reads.
      expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(0);
      expect(parts[0]).toMatchObject({ type: 'response-metadata', provider: vendor.provider });
      const usage = parts.find((p) => p.type === 'usage');
      expect(usage).toMatchObject({ type: 'usage', usage: { outputTokens: 9 } });
      if (usage?.type === 'usage') {
        expect(usage.usage.inputTokens).toBeGreaterThan(0);
        expect(usage.usage.totalTokens).toBe(usage.usage.inputTokens + usage.usage.outputTokens);
      }
      expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', rawFinishReason: expect.any(String) });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.body.stream).toBe(true);
    });

    it('maps the content filter and length stops', async () => {
      server.script(
        { type: 'answer', text: 'Partial', finishReason: vendor.contentFilterReason },
        { type: 'answer', text: 'Cut short', finishReason: vendor.lengthReason },
      );
      const filtered = await collect(model(), request);
      expect(filtered.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
      const length = await collect(model(), request);
      expect(length.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
    });

    it('401: auth, not retryable, message without the key or the URL', async () => {
      const { error, parts } = await collect(model({ apiKey: 'sk-wrong-key-abcdefghijkl' }), request);
      const e = expectProviderError(error, 'auth', false);
      expect(e.upstreamStatus).toBe(401);
      expect(e.provider).toBe(vendor.provider);
      expect(e.message).not.toContain('sk-wrong-key-abcdefghijkl');
      expect(e.message).not.toContain(server.url);
      expect(e.message).not.toMatch(/https?:\/\//);
      expect(parts).toHaveLength(0);
    });

    it('429 with retry-after (seconds): rate_limited with retryAfterMs', async () => {
      server.script({ type: 'error', status: 429, retryAfter: '7' });
      const e = expectProviderError((await collect(model(), request)).error, 'rate_limited', true);
      expect(e.retryAfterMs).toBe(7000);
      expect(e.upstreamStatus).toBe(429);
      expect(e.message).not.toMatch(/https?:\/\//);
    });

    it('429 with retry-after-ms and with an HTTP date', async () => {
      server.script(
        { type: 'error', status: 429, retryAfterMs: '1500', retryAfter: '2' },
        { type: 'error', status: 429, retryAfter: new Date(Date.now() + 60_000).toUTCString() },
      );
      expect(expectProviderError((await collect(model(), request)).error, 'rate_limited').retryAfterMs).toBe(1500);
      const dated = expectProviderError((await collect(model(), request)).error, 'rate_limited');
      expect(dated.retryAfterMs).toBeGreaterThan(50_000);
      expect(dated.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it('500: upstream, retryable', async () => {
      server.script({ type: 'error', status: 500 });
      const e = expectProviderError((await collect(model(), request)).error, 'upstream', true);
      expect(e.upstreamStatus).toBe(500);
    });

    it('overloaded status: overloaded, retryable', async () => {
      server.script({ type: 'error', status: vendor.overloadedStatus });
      expectProviderError((await collect(model(), request)).error, 'overloaded', true);
    });

    it('400 context length: context_length_exceeded, not retryable; other 400: bad_request', async () => {
      server.script(
        { type: 'error', status: 400, errorType: 'context_length_exceeded' },
        { type: 'error', status: 400 },
      );
      expectProviderError((await collect(model(), request)).error, 'context_length_exceeded', false);
      expectProviderError((await collect(model(), request)).error, 'bad_request', false);
    });

    it('a refused connection: network, retryable, message without the URL', async () => {
      const gone = await startWireServer();
      await gone.close();
      const e = expectProviderError(
        (await collect(setup.createModel(gone, { apiKey }), request)).error,
        'network',
        true,
      );
      expect(e.message).not.toContain(gone.url);
      expect(e.upstreamStatus).toBeUndefined();
    });

    it('a stream cut mid-way (socket destroyed) is a network error after the partial text', async () => {
      server.script({ type: 'cut', afterChunks: 3 });
      const { error, text, parts } = await collect(model(), request);
      expectProviderError(error, 'network', true);
      expect(text).toBe('The quick brown');
      expect(parts.some((p) => p.type === 'finish')).toBe(false);
    });

    it('a stream ended cleanly without its end events is a network error, not a success', async () => {
      server.script({ type: 'cut', afterChunks: 2, graceful: true });
      const { error, text } = await collect(model(), request);
      expectProviderError(error, 'network', true);
      expect(text).toBe('The quick');
    });

    it('a malformed event is an upstream error', async () => {
      server.script({ type: 'malformed', afterChunks: 2 });
      const { error, text } = await collect(model(), request);
      expectProviderError(error, 'upstream', true);
      expect(text).toBe('The quick');
    });

    it('an error event inside a 200 stream is mapped to the typed error', async () => {
      server.script({ type: 'stream-error', afterChunks: 2, errorType: vendor.inStreamError.errorType });
      const { error, text } = await collect(model(), request);
      expectProviderError(error, vendor.inStreamError.code, true);
      expect(text).toBe('The quick');
    });

    it('a slow first token within the first-token timeout still succeeds', async () => {
      server.script({ type: 'answer', firstTokenDelayMs: 150 });
      const { error, text } = await collect(model({ firstTokenTimeoutMs: 5_000 }), request);
      expect(error).toBeUndefined();
      expect(text).toBe(answer);
    });

    it('a first token slower than firstTokenTimeoutMs: timeout, and the request is closed', async () => {
      server.script({ type: 'answer', firstTokenDelayMs: 10_000 });
      const { error, text } = await collect(model({ firstTokenTimeoutMs: 300 }), request);
      expectProviderError(error, 'timeout', true);
      expect(text).toBe('');
      await server.requests[0]?.closed;
      expect(server.requests[0]?.clientClosed).toBe(true);
    });

    it('a hang before any byte: timeout, and the upstream sees the connection close', async () => {
      server.script({ type: 'hang' });
      const { error } = await collect(model({ firstTokenTimeoutMs: 300 }), request);
      expectProviderError(error, 'timeout', true);
      await server.requests[0]?.closed;
      expect(server.requests[0]?.clientClosed).toBe(true);
    });

    it('a stream that stalls mid-way: timeout after idleTimeoutMs, partial text kept', async () => {
      server.script({ type: 'stall', afterChunks: 2 });
      const { error, text } = await collect(model({ idleTimeoutMs: 300 }), request);
      const e = expectProviderError(error, 'timeout', true);
      expect(e.message).toMatch(/stopped sending/);
      expect(text).toBe('The quick');
      await server.requests[0]?.closed;
      expect(server.requests[0]?.clientClosed).toBe(true);
    });

    it('aborting mid-stream throws the abort reason and closes the upstream request', async () => {
      server.script({ type: 'answer', chunkDelayMs: 100 });
      const controller = new AbortController();
      let deltas = 0;
      const { error, text } = await collect(model(), request, {
        signal: controller.signal,
        onPart: (part) => {
          if (part.type === 'text-delta' && ++deltas === 2) controller.abort();
        },
      });
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('AbortError');
      expect(text).toBe('The quick');
      await server.requests[0]?.closed;
      expect(server.requests[0]?.clientClosed).toBe(true);
    });

    it('an already aborted signal sends no request', async () => {
      const controller = new AbortController();
      controller.abort();
      const { error, parts } = await collect(model(), request, { signal: controller.signal });
      expect((error as DOMException).name).toBe('AbortError');
      expect(parts).toHaveLength(0);
      expect(server.requests).toHaveLength(0);
    });

    it('breaking out of the loop closes the upstream request', async () => {
      server.script({ type: 'answer', chunkDelayMs: 100 });
      for await (const part of model().doStream(request)) {
        if (part.type === 'text-delta') break;
      }
      await server.requests[0]?.closed;
      expect(server.requests[0]?.clientClosed).toBe(true);
    });
  });
}
