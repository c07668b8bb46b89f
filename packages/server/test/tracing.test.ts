import {
  createChatEngine,
  createKnowledgeBase,
  createMemoryChatStore,
  createMemoryKnowledgeStore,
} from '@company-chat/core';
import { openChatStream, parseSse } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config/config-from-env.js';
import { createChatApp } from '../src/index.js';
import { serve } from '../src/node/index.js';

// What a host does to see the spans: register a tracer provider (NodeTracerProvider.register() also sets
// the AsyncLocalStorage context manager and the W3C trace-context propagator).
const exporter = new InMemorySpanExporter();
// Resolves waiters when a span of theirs ends: how a test waits for the end of a stream it cut.
const endWaiters: Array<{ name: string; resolve: (span: ReadableSpan) => void }> = [];
const notifier: SpanProcessor = {
  onStart: () => {},
  onEnd: (span) => {
    for (const waiter of endWaiters.filter((w) => w.name === span.name)) {
      endWaiters.splice(endWaiters.indexOf(waiter), 1);
      waiter.resolve(span);
    }
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};
const spanEnded = (name: string) => new Promise<ReadableSpan>((resolve) => endWaiters.push({ name, resolve }));
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), notifier] });
provider.register();
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
beforeEach(() => {
  wire.reset();
  exporter.reset();
});

const owner = { tenantId: 'default', userId: 'dev-user' };
const handbook = new TextEncoder().encode(
  '# Leave policy\n\nEvery employee is entitled to sixteen weeks of fully paid parental leave.\n',
);

/** The CLI's model configuration (a router: OpenAI-compatible first, Anthropic next) with a knowledge base. */
async function tracedApp(options: { rewrite?: boolean } = {}) {
  const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
  await knowledge.ingest(owner, { name: 'handbook.md', bytes: handbook });
  const env = {
    OPENAI_BASE_URL: wire.openaiBaseURL,
    OPENAI_API_KEY: 'sk-wire',
    OPENAI_MODEL: 'gpt-4o-mini',
    ANTHROPIC_API_KEY: 'sk-wire',
    ANTHROPIC_BASE_URL: wire.anthropicBaseURL,
  };
  const engine = createChatEngine({
    models: configFromEnv(env).models,
    store: createMemoryChatStore(),
    knowledge,
    ...(options.rewrite ? { queryRewriteModel: 'default' } : {}),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
  });
  return createChatApp({ engine, knowledge, dev: true, logger: () => {} });
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

function only(spans: ReadableSpan[], name: string | RegExp): ReadableSpan {
  const found = spans.filter((s) => (typeof name === 'string' ? s.name === name : name.test(s.name)));
  expect(found.map((s) => s.name)).toHaveLength(1);
  return found[0]!;
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('traces of a chat with retrieval and a provider fallback', () => {
  it('nest retrieval and the model call under the request span, continuing the caller’s trace', async () => {
    const app = await tracedApp();
    wire.script({ type: 'error', status: 503, errorType: 'overloaded' });
    const content = 'How many weeks of parental leave?';
    const res = await app.request('/api/v1/chat', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`,
        'x-request-id': 'req-traced',
      },
      body: JSON.stringify({ content }),
    });
    const events = parseSse(await res.text());
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'complete' } });
    expect(wire.requests.map((r) => r.vendor)).toEqual(['openai', 'anthropic']);
    const usage = events.find((e) => e.event === 'usage')?.data.usage;
    const conversationId = events.find((e) => e.event === 'conversation')?.data.conversation.id;

    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([TRACE_ID]));

    const request = only(spans, 'POST /api/v1/chat');
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(parentOf(request)).toBe(CALLER_SPAN_ID);
    expect(request.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/api/v1/chat',
      'url.path': '/api/v1/chat',
      'http.response.status_code': 200,
      'company_chat.request.id': 'req-traced',
    });
    expect(request.status.code).toBe(SpanStatusCode.UNSET);

    const retrieval = only(spans, 'retrieval knowledge');
    expect(parentOf(retrieval)).toBe(request.spanContext().spanId);
    expect(retrieval.attributes).toMatchObject({
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.data_source.id': 'knowledge',
      'gen_ai.request.top_k': 5,
      'company_chat.retrieval.query.length': content.length,
      'company_chat.retrieval.hits': 1,
    });
    // The question is user content: only its length is recorded.
    expect(Object.values(retrieval.attributes)).not.toContain(content);

    const chat = only(spans, /^chat /);
    expect(chat.name).toBe('chat gpt-4o-mini');
    expect(chat.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(chat)).toBe(request.spanContext().spanId);
    expect(chat.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.stream': true,
      'gen_ai.response.model': expect.stringMatching(/^claude/),
      'gen_ai.response.id': expect.any(String),
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': usage.inputTokens,
      'gen_ai.usage.output_tokens': usage.outputTokens,
      'gen_ai.conversation.id': conversationId,
      'company_chat.model.alias': 'default',
      'company_chat.model.purpose': 'answer',
    });
    expect(chat.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(chat.status.code).toBe(SpanStatusCode.UNSET);
    expect(chat.events.map((e) => e.name)).toEqual(['company_chat.provider.fallback']);
    expect(chat.events[0]!.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai-compatible',
      'gen_ai.request.model': 'gpt-4o-mini',
      'error.type': 'overloaded',
      'company_chat.fallback.upstream_status': 503,
      'company_chat.fallback.to.provider': 'anthropic',
    });
    // Retrieval first, then the model; the request span lasts until the stream's last event.
    expect(toNs(retrieval.endTime)).toBeLessThanOrEqual(toNs(chat.startTime));
    expect(toNs(request.endTime)).toBeGreaterThanOrEqual(toNs(chat.endTime));
  });

  it('a follow-up rewritten by a model adds its own model span before the retrieval', async () => {
    const app = await tracedApp({ rewrite: true });
    const send = async (body: Record<string, unknown>) => {
      const res = await app.request('/api/v1/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return parseSse(await res.text());
    };
    const first = await send({ content: 'How many weeks of parental leave?' });
    const conversationId = first.find((e) => e.event === 'conversation')?.data.conversation.id;
    exporter.reset();
    await send({ content: 'And is it paid?', conversationId });
    const spans = exporter.getFinishedSpans();
    const request = only(spans, 'POST /api/v1/chat');
    const calls = spans.filter((s) => s.name === 'chat gpt-4o-mini');
    expect(calls.map((s) => s.attributes['company_chat.model.purpose'])).toEqual(['query-rewrite', 'answer']);
    const [rewrite, answer] = calls;
    const retrieval = only(spans, 'retrieval knowledge');
    for (const span of [rewrite!, retrieval, answer!]) {
      expect(parentOf(span)).toBe(request.spanContext().spanId);
      expect(span.attributes['gen_ai.conversation.id']).toBe(conversationId);
    }
    expect(rewrite!.attributes).toMatchObject({
      'company_chat.model.alias': 'default',
      'gen_ai.request.max_tokens': 100,
    });
    // The rewrite stands alone: no earlier questions are searched with it.
    expect(retrieval.attributes['company_chat.retrieval.previous_questions']).toBe(0);
    expect(toNs(rewrite!.endTime)).toBeLessThanOrEqual(toNs(retrieval.startTime));
  });

  it('a provider failure is the model span’s error (our code as error.type); the request span stays 200', async () => {
    const app = await tracedApp();
    wire.script(
      { type: 'error', status: 400, errorType: 'invalid_request_error', message: 'bad' },
      { type: 'error', status: 400 },
    );
    const res = await app.request('/api/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Parental leave?', useKnowledge: false }),
    });
    const events = parseSse(await res.text());
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'error' } });
    const spans = exporter.getFinishedSpans();
    expect(spans.some((s) => s.name.startsWith('retrieval'))).toBe(false);
    const chat = only(spans, /^chat /);
    expect(chat.status.code).toBe(SpanStatusCode.ERROR);
    expect(chat.attributes).toMatchObject({
      'error.type': 'bad_request',
      'gen_ai.provider.name': 'openai-compatible',
      'gen_ai.response.finish_reasons': ['error'],
    });
    const request = only(spans, 'POST /api/v1/chat');
    expect(parentOf(request)).toBeUndefined();
    expect(chat.spanContext().traceId).toBe(request.spanContext().traceId);
  });

  it('a client that goes away ends both spans as cancelled (not failed), over a real connection', async () => {
    const handle = await serve({ app: await tracedApp(), port: 0 });
    try {
      wire.script({ type: 'stall', afterChunks: 2 });
      const chatEnded = spanEnded('chat gpt-4o-mini');
      const requestEnded = spanEnded('POST /api/v1/chat');
      const stream = await openChatStream(handle.url, { content: 'Tell me everything', useKnowledge: false });
      await stream.waitFor((e) => e.event === 'text-delta');
      stream.disconnect();
      const [chat, request] = await Promise.all([chatEnded, requestEnded]);
      // The upstream request was closed (the abort went through the span's copy of the stream).
      await wire.requests.at(-1)!.closed;
      expect(wire.requests.at(-1)!.clientClosed).toBe(true);
      expect(chat.attributes).toMatchObject({
        'company_chat.aborted': true,
        'gen_ai.response.finish_reasons': ['error'],
      });
      expect(chat.status.code).toBe(SpanStatusCode.UNSET);
      expect(request.attributes).toMatchObject({
        'http.response.status_code': 200,
        'company_chat.stream.cancelled': true,
      });
      expect(parentOf(chat)).toBe(request.spanContext().spanId);
    } finally {
      await handle.close();
    }
  });

  it('names the span of a request with ids after its route, and of an unknown path after its method only', async () => {
    const app = await tracedApp();
    // Probes are not traced.
    expect((await app.request('/health/live')).status).toBe(200);
    const missing = await app.request('/api/v1/conversations/no-such-id');
    expect(missing.status).toBe(404);
    const unknown = await app.request('/nowhere/at/all');
    expect(unknown.status).toBe(404);
    const [conversation, nowhere] = exporter.getFinishedSpans();
    expect(conversation).toMatchObject({
      name: 'GET /api/v1/conversations/:id',
      attributes: expect.objectContaining({
        'http.route': '/api/v1/conversations/:id',
        'http.response.status_code': 404,
      }),
    });
    expect(conversation!.status.code).toBe(SpanStatusCode.UNSET);
    expect(nowhere!.name).toBe('GET');
    expect(nowhere!.attributes['http.route']).toBeUndefined();
  });
});

function toNs([seconds, nanos]: [number, number]): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}
