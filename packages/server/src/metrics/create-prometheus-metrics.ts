import { costOf, DEFAULT_PRICES, type InstrumentationEvent, type PriceTable } from '@company-chat/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppMetrics } from './app-metrics.js';

/** Options of {@link createPrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** Prices for `company_chat_cost_total`. Default: the built-in table (USD). */
  prices?: PriceTable;
  /** The registry to fill. Default: a new one of its own (the process-wide default registry is left alone). */
  registry?: Registry;
  /** Also collect prom-client's process and Node.js metrics (event-loop lag, heap, GC). Default true. */
  defaultMetrics?: boolean;
}

/** The prom-client metrics behind {@link createPrometheusMetrics}, for hosts that add their own. */
export interface PrometheusMetrics extends AppMetrics {
  registry: Registry;
}

// Seconds. Request latency: API calls answer in milliseconds, uploads and first SSE events in seconds.
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Seconds. Model latency: first tokens in 0.2–5 s, whole answers up to minutes.
const firstTokenBuckets = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30];
const answerBuckets = [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/**
 * Prometheus metrics of company-chat with prom-client: HTTP requests by route pattern and status,
 * latency, time to first token, active streams, tokens and cost by provider and model, provider errors
 * and fallbacks, quota denials, ingestion, store and Redis errors, and prom-client's default process
 * metrics (event-loop lag among them). Node and Bun only (prom-client needs Node APIs).
 *
 * @example
 * ```ts
 * const metrics = createPrometheusMetrics();
 * const engine = createChatEngine({ models, store, instrumentation: metrics.instrumentation });
 * const app = createChatApp({ engine, metrics, auth }); // GET /metrics for admins and auditors
 * ```
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): PrometheusMetrics {
  const registers = [options.registry ?? new Registry()];
  const [registry] = registers as [Registry];
  const prices = options.prices ?? DEFAULT_PRICES;
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'company_chat_http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    registers,
  });
  const requestDuration = new Histogram({
    name: 'company_chat_http_request_duration_seconds',
    help: 'Time until the response (for SSE: until the stream starts), by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: requestBuckets,
    registers,
  });
  const firstToken = new Histogram({
    name: 'company_chat_time_to_first_token_seconds',
    help: 'Time from the start of an answer to its first token, by provider and model.',
    labelNames: ['provider', 'model'],
    buckets: firstTokenBuckets,
    registers,
  });
  const answerDuration = new Histogram({
    name: 'company_chat_answer_duration_seconds',
    help: 'Duration of answers, by provider, model and final status.',
    labelNames: ['provider', 'model', 'status'],
    buckets: answerBuckets,
    registers,
  });
  const answers = new Counter({
    name: 'company_chat_answers_total',
    help: 'Answers ended, by provider, model and status (complete, aborted, error).',
    labelNames: ['provider', 'model', 'status'],
    registers,
  });
  const activeStreams = new Gauge({
    name: 'company_chat_active_streams',
    help: 'Answers streaming now in this process.',
    registers,
  });
  const tokens = new Counter({
    name: 'company_chat_tokens_total',
    help: 'Tokens reported by providers, by provider, model and direction (input, output).',
    labelNames: ['provider', 'model', 'direction'],
    registers,
  });
  const cost = new Counter({
    name: 'company_chat_cost_total',
    help: 'Cost of answers in the currency of the price table (USD by default), by provider and model.',
    labelNames: ['provider', 'model'],
    registers,
  });
  const providerErrors = new Counter({
    name: 'company_chat_provider_errors_total',
    help: 'Failed provider calls by provider and error code, fallbacks included.',
    labelNames: ['provider', 'code'],
    registers,
  });
  const fallbacks = new Counter({
    name: 'company_chat_provider_fallbacks_total',
    help: 'Fallbacks to the next model before the first token, by failed provider, next provider and code.',
    labelNames: ['provider', 'to_provider', 'code'],
    registers,
  });
  const quotaDenials = new Counter({
    name: 'company_chat_quota_denials_total',
    help: 'Requests and answers refused by a quota or rate limit, by limit and scope.',
    labelNames: ['limit', 'scope'],
    registers,
  });
  const ingestions = new Counter({
    name: 'company_chat_ingestion_jobs_total',
    help: 'File ingestions ended, by outcome (created, replaced, duplicate, failed).',
    labelNames: ['outcome'],
    registers,
  });
  const chunks = new Counter({
    name: 'company_chat_ingested_chunks_total',
    help: 'Chunks stored by file ingestions.',
    registers,
  });
  const storeErrors = new Counter({
    name: 'company_chat_store_errors_total',
    help: 'Chat store failures: requests answered 503 (request) and answer writes retried (answer-write).',
    labelNames: ['operation'],
    registers,
  });
  const redisErrors = new Counter({
    name: 'company_chat_redis_errors_total',
    help: 'Failed Redis commands by backend (rate-limiter, quota-ledger, login-throttle).',
    labelNames: ['backend'],
    registers,
  });
  // Error counters start at 0, so a rate() or an alert has a series before the first failure.
  for (const operation of ['request', 'answer-write']) storeErrors.inc({ operation }, 0);
  for (const backend of ['rate-limiter', 'quota-ledger', 'login-throttle']) redisErrors.inc({ backend }, 0);

  const record = (event: InstrumentationEvent) => {
    switch (event.type) {
      case 'answer-start':
        activeStreams.inc();
        return;
      case 'answer-end': {
        activeStreams.dec();
        const labels = { provider: event.provider, model: event.providerModel };
        answers.inc({ ...labels, status: event.status });
        answerDuration.observe({ ...labels, status: event.status }, event.durationMs / 1000);
        if (event.timeToFirstTokenMs !== null) firstToken.observe(labels, event.timeToFirstTokenMs / 1000);
        if (event.usage) {
          tokens.inc({ ...labels, direction: 'input' }, event.usage.inputTokens);
          tokens.inc({ ...labels, direction: 'output' }, event.usage.outputTokens);
          cost.inc(labels, costOf(event.usage, event.providerModel, prices).totalCost);
        }
        return;
      }
      case 'provider-error':
        providerErrors.inc({ provider: event.provider, code: event.code });
        if (event.fallbackTo) {
          fallbacks.inc({ provider: event.provider, to_provider: event.fallbackTo.provider, code: event.code });
        }
        return;
      case 'quota-denied':
        quotaDenials.inc({ limit: event.limit, scope: event.scope });
        return;
      case 'ingestion':
        ingestions.inc({ outcome: event.outcome });
        chunks.inc(event.outcome === 'failed' || event.outcome === 'duplicate' ? 0 : event.chunks);
        return;
      case 'store-error':
        storeErrors.inc({ operation: event.operation });
        return;
      case 'redis-error':
        redisErrors.inc({ backend: event.backend });
        return;
    }
  };

  return {
    registry,
    instrumentation: { record },
    observeRequest({ method, route, status, durationSeconds }) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      requestDuration.observe(labels, durationSeconds);
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
