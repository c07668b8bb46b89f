// Node adapter of @company-chat/server.

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
export { loadDocsUiAssets } from './load-docs-ui-assets.js';
export { loadWidgetAssets } from './load-widget-assets.js';
export { type ServeOptions, type ServerHandle, serve } from './serve.js';
