import type { Env } from '../config/config-from-env.js';
import { enumFromEnv } from '../config/enumerated-env.js';

/** The OTLP protocols the CLI exports traces with (gRPC would add a native-code dependency). */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/** Which OTLP export the environment asks for. */
export interface OtlpTracingConfig {
  protocol: (typeof OTLP_PROTOCOLS)[number];
  /** Where spans are sent, for the start-up log. */
  endpoint: string;
}

/** Trace export started by {@link startTracingFromEnv}. */
export interface TracingHandle {
  /** For the start-up log, e.g. `OTLP http/protobuf to http://collector:4318/v1/traces`. */
  description: string;
  /** Sends the spans still buffered and stops exporting. Never throws. */
  shutdown(): Promise<void>;
}

/**
 * What the standard OpenTelemetry variables ask for: export over OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, unless `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none`. `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL` picks `http/protobuf` (the
 * default) or `http/json`; `grpc` is refused with a clear error rather than silently sent elsewhere.
 */
export function otlpTracingFromEnv(env: Env): OtlpTracingConfig | undefined {
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const baseEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!tracesEndpoint && !baseEndpoint) return undefined;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').map((e) => e.trim());
  if (!exporters.includes('otlp')) return undefined;
  const protocol =
    enumFromEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', OTLP_PROTOCOLS) ??
    enumFromEnv(env, 'OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS) ??
    'http/protobuf';
  // The exporter's own rule: the signal-specific variable is the full URL, the general one a base.
  const endpoint = tracesEndpoint || `${baseEndpoint!.replace(/\/+$/, '')}/v1/traces`;
  return { protocol, endpoint };
}

/**
 * Starts OTLP trace export when the environment asked for it (`config` from {@link otlpTracingFromEnv});
 * undefined otherwise. The OpenTelemetry SDK is imported only then, so a server without tracing neither
 * loads it nor pays for it at start-up.
 */
export async function startTracing(
  config: OtlpTracingConfig | undefined,
  env: Env,
): Promise<TracingHandle | undefined> {
  if (!config) return undefined;
  const { startOtlpTracing } = await import('./start-otlp-tracing.js');
  return startOtlpTracing(config, env);
}
