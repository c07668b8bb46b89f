import { CompanyChatError } from '@company-chat/core';
import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { endSpanWithBody } from './end-span-with-body.js';
import { httpRouteOf } from './http-route-of.js';

/** Name of the tracer the server's spans come from. */
export const SERVER_TRACER_NAME = '@company-chat/server';

/** The request id of `X-Request-Id` on the request's span, to find its log lines from a trace. */
export const ATTR_REQUEST_ID = 'company_chat.request.id';

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * One SERVER span per request, following the OpenTelemetry HTTP conventions: named `{method} {route}`
 * (the route pattern, never the path with its ids), with `http.request.method`, `url.path`,
 * `url.scheme`, `http.route`, `http.response.status_code`, `user_agent.original` and the request id;
 * status ERROR and `error.type` (our error code) for 5xx answers only. The caller's `traceparent` (W3C
 * Trace Context, through the propagator the host registered) makes it a child of the caller's span.
 * The span is the active one while the request is handled, so the engine's retrieval and model-call
 * spans nest under it; for a streamed (SSE) answer it ends when the stream does.
 * Health probes (`/health`, `/health/live`, `/health/ready`) are not traced.
 * Without a registered tracer provider every span is a no-op and responses are passed through untouched.
 */
export function traceRequests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A probe every few seconds would drown the traces that matter; its failures are logged.
    if (isHealthProbe(c.req.path)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, headerGetter);
    const attributes: Attributes = {
      'http.request.method': c.req.method,
      'url.path': c.req.path,
      'url.scheme': c.req.url.startsWith('https:') ? 'https' : 'http',
    };
    const userAgent = c.req.header('user-agent');
    if (userAgent) attributes['user_agent.original'] = userAgent;
    const span = trace
      .getTracer(SERVER_TRACER_NAME)
      .startSpan(c.req.method, { kind: SpanKind.SERVER, attributes }, parent);
    // Also for a span that is not recorded (sampled out): its context still tells the engine's spans so.
    await context.with(trace.setSpan(parent, span), next);
    if (!span.isRecording()) return;
    const route = httpRouteOf(c);
    if (route) span.updateName(`${c.req.method} ${route}`).setAttribute('http.route', route);
    const requestId = c.get('requestId');
    if (requestId) span.setAttribute(ATTR_REQUEST_ID, requestId);
    const status = c.res.status;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      span.setAttribute('error.type', c.error ? errorType(c.error) : String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    if (isEventStream(c)) {
      c.res = endSpanWithBody(c.res, span, (cancelled) => {
        if (cancelled) span.setAttribute('company_chat.stream.cancelled', true);
      });
    } else {
      span.end();
    }
  };
}

function isHealthProbe(path: string): boolean {
  return path === '/health' || path.startsWith('/health/');
}

function isEventStream(c: Context): boolean {
  return c.res.body !== null && (c.res.headers.get('content-type') ?? '').startsWith('text/event-stream');
}

/** Our error code (documented in docs/errors.md) for a known error, else the error's class name. */
function errorType(error: Error): string {
  return CompanyChatError.isInstance(error) ? error.code : error.name;
}
