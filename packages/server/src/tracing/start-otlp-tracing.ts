// Loaded only when OTLP export is configured (see startTracingFromEnv): the SDK stays out of a plain start.
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { OTLPTraceExporter as OTLPJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Env } from '../config/config-from-env.js';
import type { OtlpTracingConfig, TracingHandle } from './otlp-tracing-from-env.js';

/**
 * Registers a tracer provider that batches spans to an OTLP/HTTP endpoint, with the AsyncLocalStorage
 * context manager (so spans nest across `await`) and the W3C trace-context propagator (so a caller's
 * `traceparent` is continued). Endpoint, headers, timeout, batching (`OTEL_BSP_*`), sampling
 * (`OTEL_TRACES_SAMPLER`) and resource (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`) follow the
 * standard OpenTelemetry variables; the service is named `company-chat` unless they say otherwise.
 */
export function startOtlpTracing(config: OtlpTracingConfig, env: Env): TracingHandle {
  // Export failures (collector down) are reported by the SDK through diag; without a logger they vanish.
  const level = env.OTEL_LOG_LEVEL?.trim().toUpperCase() as keyof typeof DiagLogLevel | undefined;
  diag.setLogger(diagLines, { logLevel: (level && DiagLogLevel[level]) ?? DiagLogLevel.WARN });
  const exporter = config.protocol === 'http/json' ? new OTLPJsonTraceExporter() : new OTLPProtobufTraceExporter();
  const resource = resourceFromAttributes({ 'service.name': 'company-chat' }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  return {
    description: `OTLP ${config.protocol} to ${config.endpoint}`,
    shutdown: () =>
      provider.shutdown().catch((error: unknown) => console.error('error: tracing: shutdown failed', error)),
  };
}

// The CLI's line format (`warning: ...`), on stderr like the SDK's own console logger.
const line =
  (prefix: string) =>
  (message: string, ...args: unknown[]) =>
    console.error(
      `${prefix}tracing: ${[message, ...args.map((a) => (a instanceof Error ? a.message : JSON.stringify(a)))].join(' ')}`,
    );
const diagLines: DiagLogger = {
  error: line('error: '),
  warn: line('warning: '),
  info: line(''),
  debug: line(''),
  verbose: line(''),
};
