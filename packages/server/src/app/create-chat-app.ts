import {
  cacheUserDirectory,
  createQuotaGuard,
  type Embedder,
  type KnowledgeBase,
  type UsageLog,
} from '@company-chat/core';
import { Hono } from 'hono';
import { adminRoutes } from '../admin/admin-routes.js';
import { chatRoute } from '../chat/chat-route.js';
import { conversationsRoutes } from '../conversations/conversations-routes.js';
import { feedbackRoutes } from '../conversations/feedback-routes.js';
import { historyRoutes } from '../conversations/history-routes.js';
import { createErrorHandler, type ErrorLogger, notFoundHandler } from '../errors/error-handler.js';
import { filesRoutes } from '../files/files-routes.js';
import { gatewayRoutes } from '../gateway/gateway-routes.js';
import { healthRoutes, type ReadinessCheck } from '../health/health-routes.js';
import { type ChatAppAuthOptions, wireIdentity } from '../identity/chat-app-auth.js';
import type { ClientAddressOf } from '../identity/client-address.js';
import { rejectNonCanonicalPaths } from '../identity/reject-non-canonical-paths.js';
import { type RequestLogger, requestLog } from '../logs/request-log.js';
import type { AppMetrics } from '../metrics/app-metrics.js';
import { metricsRoutes } from '../metrics/metrics-routes.js';
import { reportQuotaDenials } from '../metrics/report-quota-denials.js';
import { requestMetrics } from '../metrics/request-metrics.js';
import { modelsRoute } from '../models/models-route.js';
import type { DocsUiAssets } from '../openapi/docs-ui-assets.js';
import { docsUiRoutes } from '../openapi/docs-ui-routes.js';
import { openApiRoute } from '../openapi/openapi-route.js';
import { type ChatAppQuotaOptions, DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS } from '../quotas/chat-app-quotas.js';
import { type ModelSwitch, meterEngine } from '../quotas/metered-engine.js';
import { quotaRoute } from '../quotas/quota-route.js';
import { API_ROUTES } from '../routes/api-route-table.js';
import { GATEWAY_PREFIX, undeclaredRoutes } from '../routes/find-api-route.js';
import { routeAccess } from '../routes/route-access.js';
import { traceRequests } from '../tracing/trace-requests.js';
import { corsForOrigins } from '../widget/cors-for-origins.js';
import type { WidgetAssets } from '../widget/widget-assets.js';
import { widgetRoutes } from '../widget/widget-routes.js';
import type { AppEnv } from './app-env.js';
import { assertDevModeAllowed } from './assert-dev-mode-allowed.js';
import { assignRequestId } from './assign-request-id.js';
import type { ChatEnginePort } from './chat-engine-port.js';

/** Options of {@link createChatApp}. */
export interface ChatAppOptions {
  /** The chat engine (`createChatEngine()` from @company-chat/core). */
  engine: ChatEnginePort;
  /**
   * Development mode: the user is named by the `X-User-Id` header (default `dev-user`), unverified.
   * Without it every API request is answered 401 until an identity provider is configured.
   * Defaults to `COMPANY_CHAT_DEV=1` in the environment. Refused (the app is not created) next to a
   * real identity (`auth.jwt`, `auth.widgetTokens`, `auth.apiKeys`, `auth.accounts`) and with
   * `NODE_ENV=production`; `serve()` also refuses to bind a development app to a non-loopback address.
   */
  dev?: boolean;
  /** Largest accepted request body in bytes (also for chunked bodies). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Longest accepted chat message, in characters. Default 32,000 (the engine's default). */
  maxContentLength?: number;
  /** Interval of SSE `: ping` comments that keep idle connections open. Default 15 s; 0 disables. */
  heartbeatMs?: number;
  /**
   * Where unexpected errors are logged: a function, or a core `Logger` (the CLI's structured log, pino
   * through `serverLoggerFromEnv`), which also gets one `request` line per request with its request id.
   * Default `console.error`, errors only.
   */
  logger?: ErrorLogger | RequestLogger;
  /**
   * Keep a caller's `X-Request-Id` (a safe value of at most 128 characters) instead of assigning a new
   * one: for the id a load balancer or gateway in front assigned. Default: when `auth.trustProxy` is set
   * (a proxy of yours is in front) or in development mode; otherwise a caller could pass off its
   * requests' log lines as another's.
   */
  trustRequestId?: boolean;
  /**
   * Origins whose pages may call the API from the browser (CORS), e.g. `['https://intranet.example.com']`.
   * No others: their browsers block the responses. Same-origin pages (the demo page) need no entry.
   */
  allowedOrigins?: readonly string[];
  /**
   * The knowledge base behind `/api/v1/files` (upload, list, read, delete). Pass the same one to
   * `createChatEngine({ knowledge })` so answers use it. Without it the files routes answer 404.
   */
  knowledge?: KnowledgeBase;
  /** Largest accepted upload in bytes. Default 20 MiB. */
  maxUploadBytes?: number;
  /**
   * The embedder `POST /v1/embeddings` serves (usually the knowledge base's). Without it that route of the
   * OpenAI-compatible gateway answers 404.
   */
  embedder?: Embedder;
  /** Serve the widget file at `/widget/company-chat.js` and the demo page at `/` (see `loadWidgetAssets`). */
  widget?: WidgetAssets;
  /**
   * Serve the API reference page at `/api/docs` (see `loadDocsUiAssets` in `@company-chat/server/node`).
   * `GET /api/v1/openapi.json` is served either way.
   */
  docsUi?: DocsUiAssets;
  /** Credentials accepted (JWT, widget tokens, API keys, built-in accounts), users and audit log. */
  auth?: ChatAppAuthOptions;
  /** Rate limits, concurrent streams and token/cost budgets. Default: none enforced. */
  quotas?: ChatAppQuotaOptions;
  /**
   * The client address of a request, for the per-address request ceiling and the sign-in throttle.
   * Default: the connection's peer on Node, Bun and Workers, or behind reverse proxies the address
   * `auth.trustProxy` selects from `X-Forwarded-For`. Override only for another source (e.g. a CDN header).
   */
  clientAddress?: ClientAddressOf;
  /** Where each answer's tokens, latency and cost are recorded. */
  usage?: UsageLog;
  /**
   * Extra checks of `GET /health/ready` beside the store and the models, e.g. `{ redis: () => redis.ping() }`
   * (the CLI adds Redis when `REDIS_URL` is set).
   */
  readiness?: Record<string, ReadinessCheck>;
  /** Longest wait for one readiness check, in ms. Default 2 000. */
  readinessTimeoutMs?: number;
  /**
   * Prometheus metrics (`createPrometheusMetrics()` from `@company-chat/server/node` or `/bun`): every
   * request is counted and timed, quota refusals counted, and `GET /metrics` served to admin and auditor
   * credentials (see docs/operations.md). Absent (the default, and on Workers): no `/metrics` route.
   */
  metrics?: AppMetrics;
  /**
   * Serve `GET /metrics` on this app when {@link ChatAppOptions.metrics} is set. Default true; false
   * when the metrics are served elsewhere (the CLI's `COMPANY_CHAT_METRICS_PORT`).
   */
  metricsRoute?: boolean;
}

/** The Hono app {@link createChatApp} returns. */
export type ChatApp = Hono<AppEnv>;

const engines = new WeakMap<object, ChatEnginePort>();
const devApps = new WeakSet<object>();

/** True when the app was created in development mode (runtime adapters refuse to expose it). */
export function isDevChatApp(app: object): boolean {
  return devApps.has(app);
}

/** The engine a {@link createChatApp} app serves (used by runtime adapters to shut it down). */
export function getChatAppEngine(app: object): ChatEnginePort | undefined {
  return engines.get(app);
}

function devFromEnv(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.COMPANY_CHAT_DEV === '1' || env?.COMPANY_CHAT_DEV === 'true';
}

/**
 * Creates the HTTP API of company-chat as a Hono app: `POST /api/v1/chat` (SSE), conversations,
 * models and the health routes (`/health/live`, `/health/ready`, `/health`). Every error is JSON `{ "error": { "code", "message" } }`.
 *
 * @example
 * ```ts
 * const engine = createChatEngine({ models: { default: openai({ model: 'gpt-4o-mini' }) }, store });
 * const app = createChatApp({ engine, dev: true });
 * serve({ app, port: 3000 }); // from @company-chat/server/node
 * ```
 */
export function createChatApp(options: ChatAppOptions): ChatApp {
  const quotas = countQuotaDenials(options.quotas ?? {}, options.metrics);
  const dev = options.dev ?? devFromEnv();
  assertDevModeAllowed(dev, options.auth ?? {});
  // One cached directory for the identity middleware and the admin API, so an admin's change to a user
  // (demotion, suspension) drops the cached record at once.
  const auth: ChatAppAuthOptions = {
    ...options.auth,
    ...(options.auth?.users ? { users: cacheUserDirectory(options.auth.users) } : {}),
  };
  const identity = wireIdentity(auth, {
    dev,
    rateLimiter: quotas.rateLimiter,
    addressRequestsPerMinute: quotas.requestsPerMinutePerAddress ?? DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS,
    ...(options.clientAddress ? { clientAddress: options.clientAddress } : {}),
  });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const structured = typeof options.logger === 'object' ? options.logger : undefined;
  const log: ErrorLogger = structured
    ? (message, error, details) => structured.error(message, { ...details, ...(error === undefined ? {} : { error }) })
    : ((options.logger as ErrorLogger | undefined) ??
      ((message, error) => console.error(`[company-chat] ${message}`, error)));
  if (!dev && !auth.jwt && !auth.widgetTokens && !auth.apiKeys && !auth.accounts) {
    // Otherwise the only symptom is a 401 on every request, with nothing in the log to say why.
    log(
      'No identity is configured and development mode is off: every API request will be answered 401. ' +
        'Configure `auth` (jwt, apiKeys, accounts or widgetTokens), or pass `dev: true` to try it on this machine.',
      undefined,
    );
  }

  const models: ModelSwitch = { disabled: new Set() };
  // One guard for the chat API and the gateway: they draw on the same stream slots and budgets.
  const guard =
    quotas.ledger || quotas.rateLimiter
      ? createQuotaGuard({
          ...(quotas.ledger ? { ledger: quotas.ledger } : {}),
          ...(quotas.rateLimiter ? { rateLimiter: quotas.rateLimiter } : {}),
          ...(quotas.prices ? { prices: quotas.prices } : {}),
        })
      : undefined;
  const engine = meterEngine(options.engine, {
    models,
    ...(guard ? { guard } : {}),
    ...(options.usage ? { usage: options.usage } : {}),
    ...(quotas.prices ? { prices: quotas.prices } : {}),
    ...(quotas.worstCase ? { worstCase: quotas.worstCase } : {}),
    stillAllowed: identity.stillAllowed,
    ...(quotas.recheckMs ? { recheckMs: quotas.recheckMs } : {}),
    log,
  });

  const api = new Hono<AppEnv>();
  // Public (login, refresh, logout): before the identity middleware, so they answer without credentials.
  api.route('/', identity.publicRoutes);
  api.route('/', openApiRoute());
  const access = routeAccess({ routes: API_ROUTES, rateLimiter: quotas.rateLimiter, audit: auth.audit });
  api.use(identity.middleware);
  api.use(access);
  api.route('/', identity.routes);
  api.route(
    '/',
    chatRoute({
      engine,
      log,
      maxBodyBytes,
      maxContentLength: options.maxContentLength ?? 32_000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
    }),
  );
  api.route('/', conversationsRoutes({ engine, maxBodyBytes }));
  api.route('/', feedbackRoutes({ engine, maxBodyBytes }));
  api.route(
    '/',
    historyRoutes({
      engine,
      log,
      maxBodyBytes,
      maxContentLength: options.maxContentLength ?? 32_000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
    }),
  );
  api.route('/', modelsRoute({ engine }));
  if (options.knowledge) {
    api.route(
      '/',
      filesRoutes({
        knowledge: options.knowledge,
        ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
      }),
    );
  }
  api.route('/', quotaRoute({ ledger: quotas.ledger }));
  api.route(
    '/admin',
    adminRoutes({
      engine: options.engine,
      auth,
      quotas,
      usage: options.usage,
      models,
      maxBodyBytes,
    }),
  );

  const app = new Hono<AppEnv>();
  // Outermost: the request's span covers authentication, limits and errors too (a no-op without a tracer provider).
  app.use(traceRequests());
  if (options.metrics) app.use(requestMetrics(options.metrics));
  app.use(assignRequestId({ trustHeader: options.trustRequestId ?? ((auth.trustProxy ?? 0) > 0 || dev) }));
  if (structured) app.use(requestLog(structured));
  app.use(rejectNonCanonicalPaths());
  if (options.allowedOrigins?.length) {
    app.use('/api/*', corsForOrigins(options.allowedOrigins));
    app.use(`${GATEWAY_PREFIX}/*`, corsForOrigins(options.allowedOrigins));
  }
  if (options.widget) app.route('/', widgetRoutes(checkWidgetAssets(options.widget)));
  if (options.docsUi) app.route('/', docsUiRoutes(options.docsUi));
  const store = options.engine.store;
  app.route(
    '/',
    healthRoutes({
      checks: {
        ...(store ? { store: () => store.ping() } : {}),
        models: async () => {
          if (options.engine.listModels().length === 0) throw new Error('no model configured');
        },
        ...options.readiness,
      },
      timeoutMs: options.readinessTimeoutMs ?? 2_000,
    }),
  );
  if (options.metrics && options.metricsRoute !== false) {
    app.route('/', metricsRoutes(options.metrics, identity.middleware));
  }
  app.route('/api/v1', api);
  app.route(
    GATEWAY_PREFIX,
    gatewayRoutes({
      engine,
      guards: [identity.middleware, access],
      embedder: options.embedder,
      guard,
      usage: options.usage,
      prices: quotas.prices,
      maxBodyBytes,
      log,
    }),
  );
  app.notFound(notFoundHandler);
  app.onError(createErrorHandler(log));
  const undeclared = undeclaredRoutes(app, API_ROUTES);
  if (undeclared.length > 0) {
    throw new Error(`routes missing from the route table (API_ROUTES): ${undeclared.join(', ')}`);
  }
  engines.set(app, options.engine);
  if (dev) devApps.add(app);
  return app;
}

/** The quotas with their ledger and rate limiter reporting refusals to the metrics, when there are metrics. */
function countQuotaDenials(quotas: ChatAppQuotaOptions, metrics: AppMetrics | undefined): ChatAppQuotaOptions {
  if (!metrics) return quotas;
  return {
    ...quotas,
    ...(quotas.ledger ? { ledger: reportQuotaDenials(quotas.ledger, metrics.instrumentation) } : {}),
    ...(quotas.rateLimiter ? { rateLimiter: reportQuotaDenials(quotas.rateLimiter, metrics.instrumentation) } : {}),
  };
}

/** The widget option as given, or a clear error for the common mistake of passing `loadWidgetAssets()`'s result. */
function checkWidgetAssets(widget: WidgetAssets): WidgetAssets {
  if (typeof (widget as Partial<WidgetAssets>).script === 'string') return widget;
  const loaded = widget as { assets?: unknown; error?: unknown };
  if (typeof loaded.error === 'string') {
    throw new TypeError(
      `createChatApp: the widget could not be loaded: ${loaded.error}. Omit \`widget\` to serve the API only.`,
    );
  }
  throw new TypeError(
    'createChatApp: `widget` must be the widget files ({ script, demoPage?, chunks? }). ' +
      (loaded.assets ? 'loadWidgetAssets() returns { assets } or { error }: pass its `.assets`.' : ''),
  );
}
