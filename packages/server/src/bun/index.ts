// Bun adapter of @company-chat/server.

export {
  createServerLogger,
  LOG_LEVELS,
  type LogFormat,
  type LogLevel,
  type ServerLogger,
  type ServerLoggerOptions,
} from '../config/server-logger.js';
export {
  createPrometheusMetrics,
  type PrometheusMetrics,
  type PrometheusMetricsOptions,
} from '../metrics/create-prometheus-metrics.js';
export type { BunServer } from './bun-runtime.js';
export { BUN_SSE_IDLE_TIMEOUT_SECONDS, type BunServeOptions, type BunServerHandle, serve } from './serve.js';
