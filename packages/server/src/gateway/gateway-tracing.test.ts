import { openai, router } from '@company-chat/core';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';

// A gateway completion is traced like a chat answer: the request's server span, and under it one GenAI
// model span (purpose `completion`) with the router's fallback as an event.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(async () => {
  await wire.close();
  await provider.shutdown();
  trace.disable();
});

describe('gateway traces', () => {
  it('a completion with one fallback: a model span under the request span, the fallback as its event', async () => {
    const upstream = (model: string) => openai({ baseURL: wire.openaiBaseURL, apiKey: 'sk-wire', model });
    const { app } = createTestApp({
      default: router({ routes: [upstream('gpt-4o'), upstream('gpt-4o-mini')], cooldownMs: 0 }),
    });
    wire.script({ type: 'error', status: 503 });
    const res = await app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': 'ada' },
      body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(res.status).toBe(200);
    await res.json();
    const spans = exporter.getFinishedSpans();
    const model = spans.find((s) => s.attributes['company_chat.model.purpose'] === 'completion');
    expect(model).toBeDefined();
    expect(model!.kind).toBe(SpanKind.CLIENT);
    expect(model!.attributes['company_chat.model.alias']).toBe('default');
    expect(model!.attributes['gen_ai.response.model']).toBe('gpt-4o-mini');
    expect(model!.events.map((e) => e.name)).toEqual(['company_chat.provider.fallback']);
    const request = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(request?.spanContext().traceId).toBe(model!.spanContext().traceId);
    expect(model!.parentSpanContext?.spanId).toBe(request!.spanContext().spanId);
  });
});
