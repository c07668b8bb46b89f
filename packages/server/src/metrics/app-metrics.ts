import type { Instrumentation } from '@company-chat/core';

/** One HTTP request as the metrics see it: the route pattern, never the raw path (bounded label values). */
export interface ObservedRequest {
  method: string;
  /** The matched route pattern (`/api/v1/conversations/:id`), or `unmatched`. */
  route: string;
  status: number;
  durationSeconds: number;
}

/**
 * The metrics of a {@link createChatApp} app, without a metrics library in this interface so the app
 * factory stays runtime-agnostic (Workers bundles do not carry prom-client). `createPrometheusMetrics()`
 * from `@company-chat/server/node` (or `/bun`) implements it; pass its `instrumentation` to
 * `createChatEngine()` and `createKnowledgeBase()` too so answers and ingestions are counted.
 */
export interface AppMetrics {
  /** What the engine, the knowledge base and the quota backends report to. */
  instrumentation: Instrumentation;
  /** Called once per HTTP request when its response is ready. */
  observeRequest(request: ObservedRequest): void;
  /** The exposition served at `GET /metrics`. */
  scrape(): Promise<{ contentType: string; body: string }>;
}
