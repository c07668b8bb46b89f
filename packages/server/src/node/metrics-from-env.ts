import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { ConfigError, type Env } from '../config/config-from-env.js';
import { enumFromEnv } from '../config/enumerated-env.js';
import { notFoundHandler } from '../errors/error-handler.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../metrics/create-prometheus-metrics.js';
import { metricsRoutes } from '../metrics/metrics-routes.js';
import { serve } from './serve.js';

/** The CLI's metrics: what to pass to the app, and the separate listener when one is configured. */
export interface MetricsFromEnv {
  /** Absent with `COMPANY_CHAT_METRICS=off`. */
  metrics?: PrometheusMetrics;
  /** `COMPANY_CHAT_METRICS_PORT`: `/metrics` is served there (without credentials) instead of on the app. */
  port?: number;
  /** Starts the separate listener, when there is one. */
  listen(): Promise<{ url: string; close(): Promise<void> } | undefined>;
  /** One line for the start-up log. */
  describe(appUrl: string, metricsUrl: string | undefined): string;
}

/**
 * Metrics of `company-chat serve`: on unless `COMPANY_CHAT_METRICS=off`. `GET /metrics` is served on the
 * app's port to admin and auditor credentials (e.g. `Authorization: Bearer <admin API key>`), or with
 * `COMPANY_CHAT_METRICS_PORT` on a port of its own, bound to `COMPANY_CHAT_METRICS_HOST` (default
 * 127.0.0.1), without credentials: keep that port on a private network where only Prometheus reaches it.
 */
export function metricsFromEnv(env: Env): MetricsFromEnv {
  if (enumFromEnv(env, 'COMPANY_CHAT_METRICS', ['on', 'off']) === 'off') {
    return { listen: async () => undefined, describe: () => 'off (COMPANY_CHAT_METRICS=off)' };
  }
  const port = metricsPort(env);
  const hostname = env.COMPANY_CHAT_METRICS_HOST?.trim() || '127.0.0.1';
  const metrics = createPrometheusMetrics();
  return {
    metrics,
    ...(port === undefined ? {} : { port }),
    async listen() {
      if (port === undefined) return undefined;
      const app = new Hono<AppEnv>();
      app.route('/', metricsRoutes(metrics));
      app.notFound(notFoundHandler);
      const handle = await serve({ app, port, hostname });
      return { url: handle.url, close: handle.close };
    },
    describe: (appUrl, metricsUrl) =>
      metricsUrl
        ? `Prometheus metrics at ${metricsUrl}/metrics, without credentials (COMPANY_CHAT_METRICS_PORT)`
        : `Prometheus metrics at ${appUrl}/metrics for admin and auditor credentials (or set COMPANY_CHAT_METRICS_PORT)`,
  };
}

function metricsPort(env: Env): number | undefined {
  const raw = env.COMPANY_CHAT_METRICS_PORT?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new ConfigError(`COMPANY_CHAT_METRICS_PORT must be a port number (0-65535), got ${JSON.stringify(raw)}.`);
  }
  return port;
}
