import {
  costOf,
  createApiKeys,
  createChatEngine,
  createKnowledgeBase,
  createMemoryApiKeyStore,
  createMemoryChatStore,
  createMemoryKnowledgeStore,
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  type TokenUsage,
} from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config/config-from-env.js';
import { createChatApp } from '../src/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../src/node/index.js';
import { createTestApp } from './test-app.js';

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
beforeEach(() => wire.reset());

const quiet = { info() {}, warn() {}, error() {} };

/**
 * The app as the CLI wires it, with metrics: OpenAI first and Anthropic as its fallback (both on the
 * local wire-faithful servers), a knowledge base, API keys, and a tier of 3 messages a minute.
 */
async function setup() {
  const metrics = createPrometheusMetrics();
  const tiers = { free: { messagesPerMinute: 3 } };
  const knowledge = createKnowledgeBase({
    store: createMemoryKnowledgeStore(),
    logger: quiet,
    instrumentation: metrics.instrumentation,
  });
  const engine = createChatEngine({
    models: configFromEnv({
      OPENAI_BASE_URL: wire.openaiBaseURL,
      OPENAI_API_KEY: 'sk-wire',
      OPENAI_MODEL: 'gpt-4o-mini',
      ANTHROPIC_BASE_URL: wire.anthropicBaseURL,
      ANTHROPIC_API_KEY: 'sk-wire',
    }).models,
    store: createMemoryChatStore(),
    knowledge,
    logger: quiet,
    instrumentation: metrics.instrumentation,
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
  });
  const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
  const key = async (userId: string, scopes: Array<'chat' | 'files' | 'admin'>, roles: Array<'user' | 'admin'>) => ({
    'x-api-key': (await apiKeys.create({ tenantId: 'acme', userId, name: userId, scopes, roles })).key,
  });
  const app = createChatApp({
    engine,
    knowledge,
    metrics,
    logger: () => {},
    auth: { apiKeys },
    quotas: { tiers, ledger: createMemoryQuotaLedger({ tiers }), rateLimiter: createMemoryRateLimiter({ tiers }) },
  });
  return {
    app,
    metrics,
    alice: await key('alice', ['chat', 'files'], ['user']),
    admin: await key('root', ['admin'], ['user', 'admin']),
  };
}

type App = Awaited<ReturnType<typeof setup>>['app'];

async function chat(app: App, headers: Record<string, string>, content: string) {
  const res = await app.request('/api/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ content }),
  });
  const events = res.status === 200 ? parseSse(await res.text()) : [];
  return { res, events, end: events.find((e) => e.event === 'message-end')?.data };
}

async function scrape(app: App, headers: Record<string, string>): Promise<Map<string, PrometheusFamily>> {
  const res = await app.request('/metrics', { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Map(parsePrometheusTextFormat(await res.text()).map((family) => [family.name, family]));
}

/** The samples of a family whose labels include `labels`. */
function samples(families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}) {
  const family = families.get(name);
  expect(family, `${name} is exposed`).toBeDefined();
  return family!.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}

/** The sum of the values of the matching samples (counters, gauges). */
function total(families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}) {
  return samples(families, name, labels).reduce((sum, m) => sum + Number(m.value), 0);
}

/**
 * Observations of the matching series of a histogram. parse-prometheus-text-format folds a histogram's
 * labelled series into one (it keeps only unlabelled `_count`s), so the exposition is checked to carry
 * the histogram and the counts are read from the registry it was written from.
 */
async function observations(
  metrics: PrometheusMetrics,
  families: Map<string, PrometheusFamily>,
  name: string,
  labels: Record<string, string> = {},
) {
  expect(families.get(name)?.type, `${name} is exposed as a histogram`).toBe('HISTOGRAM');
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? [])
    .filter((v) => (v as { metricName?: string }).metricName === `${name}_count`)
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('GET /metrics after a scripted workload', () => {
  it('counts requests, answers, tokens, cost, fallbacks, quota denials and ingestion', async () => {
    const { app, metrics, alice, admin } = await setup();

    // One answer from OpenAI, then one from Anthropic after OpenAI failed with a 503 before the first
    // token, and one more from Anthropic while the router keeps OpenAI cooling down.
    const first = await chat(app, alice, 'Hello there');
    wire.script({ type: 'error', status: 503, errorType: 'overloaded' });
    const fellBack = await chat(app, alice, 'Are you there?');
    const third = await chat(app, alice, 'One more');
    // The tier allows 3 messages a minute: the fourth is refused before any provider is called.
    const denied = await chat(app, alice, 'And another');
    expect([first, fellBack, third].map((c) => c.end?.status)).toEqual(['complete', 'complete', 'complete']);
    expect(denied.res.status).toBe(429);
    expect(wire.requests.map((r) => r.vendor)).toEqual(['openai', 'openai', 'anthropic', 'anthropic']);

    const form = new FormData();
    form.append('file', new File(['# Leave\n\nHolidays: 30 days a year.\n\n# Travel\n\nTrains.'], 'policy.md'));
    const uploaded = await app.request('/api/v1/files', { method: 'POST', body: form, headers: alice });
    expect(uploaded.status).toBe(201);
    const { file } = (await uploaded.json()) as { file: { id: string; chunkCount: number } };
    expect(file.chunkCount).toBeGreaterThan(0);
    expect((await app.request(`/api/v1/files/${file.id}`, { headers: alice })).status).toBe(200);
    expect((await app.request('/no/such/path/42', { headers: alice })).status).toBe(404);

    const m = await scrape(app, admin);

    // Requests by route pattern (never the raw path) and status, with latency histograms of the same series.
    const chatRoute = { method: 'POST', route: '/api/v1/chat' };
    expect(total(m, 'company_chat_http_requests_total', { ...chatRoute, status: '200' })).toBe(3);
    expect(total(m, 'company_chat_http_requests_total', { ...chatRoute, status: '429' })).toBe(1);
    expect(total(m, 'company_chat_http_requests_total', { route: '/api/v1/files/:id', status: '200' })).toBe(1);
    expect(total(m, 'company_chat_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(samples(m, 'company_chat_http_requests_total').some((s) => s.labels?.route?.includes(file.id))).toBe(false);
    expect(
      await observations(metrics, m, 'company_chat_http_request_duration_seconds', { ...chatRoute, status: '200' }),
    ).toBe(3);

    // Answers, time to first token and tokens by the provider that answered.
    const openai = { provider: 'openai-compatible', model: 'gpt-4o-mini' };
    const anthropic = { provider: 'anthropic', model: 'claude-sonnet-4-6' };
    expect(total(m, 'company_chat_answers_total', { ...openai, status: 'complete' })).toBe(1);
    expect(total(m, 'company_chat_answers_total', { ...anthropic, status: 'complete' })).toBe(2);
    expect(await observations(metrics, m, 'company_chat_time_to_first_token_seconds', openai)).toBe(1);
    expect(await observations(metrics, m, 'company_chat_time_to_first_token_seconds', anthropic)).toBe(2);
    expect(await observations(metrics, m, 'company_chat_answer_duration_seconds')).toBe(3);
    expect(total(m, 'company_chat_active_streams')).toBe(0);
    const usage = (c: { end?: { usage: TokenUsage } }) => c.end!.usage;
    for (const [labels, answers] of [
      [openai, [usage(first)]],
      [anthropic, [usage(fellBack), usage(third)]],
    ] as const) {
      const input = answers.reduce((sum, u) => sum + u.inputTokens, 0);
      const output = answers.reduce((sum, u) => sum + u.outputTokens, 0);
      expect(input).toBeGreaterThan(0);
      expect(total(m, 'company_chat_tokens_total', { ...labels, direction: 'input' })).toBe(input);
      expect(total(m, 'company_chat_tokens_total', { ...labels, direction: 'output' })).toBe(output);
      const cost = answers.reduce((sum, u) => sum + costOf(u, labels.model).totalCost, 0);
      expect(cost).toBeGreaterThan(0);
      expect(total(m, 'company_chat_cost_total', labels)).toBeCloseTo(cost, 12);
    }

    // The fallback: one provider error of OpenAI and one fallback from it to Anthropic, by code.
    const errors = samples(m, 'company_chat_provider_errors_total');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ value: '1', labels: { provider: 'openai-compatible' } });
    expect(samples(m, 'company_chat_provider_fallbacks_total')).toEqual([
      {
        value: '1',
        labels: { provider: 'openai-compatible', to_provider: 'anthropic', code: errors[0]!.labels!.code },
      },
    ]);

    expect(total(m, 'company_chat_quota_denials_total', { limit: 'messagesPerMinute' })).toBe(1);
    expect(total(m, 'company_chat_quota_denials_total')).toBe(1);
    expect(total(m, 'company_chat_ingestion_jobs_total', { outcome: 'created' })).toBe(1);
    expect(total(m, 'company_chat_ingested_chunks_total')).toBe(file.chunkCount);

    // Healthy dependencies: the error counters are there, at zero, for alerts to watch.
    expect(samples(m, 'company_chat_store_errors_total').map((s) => [s.labels?.operation, s.value])).toEqual([
      ['request', '0'],
      ['answer-write', '0'],
    ]);
    expect(total(m, 'company_chat_redis_errors_total')).toBe(0);
    expect(samples(m, 'company_chat_redis_errors_total')).toHaveLength(3);

    // prom-client's default collectors: event-loop lag and the process.
    expect(samples(m, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
    expect(samples(m, 'process_cpu_seconds_total')).toHaveLength(1);
  });
});

describe('who may read /metrics', () => {
  it('asks for credentials (401), refuses a user (403) and serves an admin', async () => {
    const { app, alice, admin } = await setup();
    const anonymous = await app.request('/metrics');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await app.request('/metrics', { headers: alice })).status).toBe(403);
    expect((await app.request('/metrics', { headers: admin })).status).toBe(200);
    expect((await app.request('/metrics', { method: 'POST', headers: admin })).status).toBe(405);
  });

  it('is open to the dev user in development mode (loopback only)', async () => {
    const { app } = createTestApp({}, { metrics: createPrometheusMetrics({ defaultMetrics: false }) });
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(parsePrometheusTextFormat(await res.text()).map((f) => f.name)).toContain(
      'company_chat_http_requests_total',
    );
  });

  it('is not there without metrics (the default, as on Workers)', async () => {
    const { app } = createTestApp({});
    const res = await app.request('/metrics');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
