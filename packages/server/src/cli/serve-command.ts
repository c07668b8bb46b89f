import { type ChatModel, createChatEngine, offline } from '@company-chat/core';
import { createWorkerParser } from '@company-chat/core/worker-parser';
import { createChatApp } from '../app/create-chat-app.js';
import { ConfigError, configFromEnv, type Env, MODEL_VARIABLES_HELP } from '../config/config-from-env.js';
import { createServerStoresFromEnv } from '../config/create-server-stores-from-env.js';
import { decideDevMode } from '../config/dev-mode-policy.js';
import { checkEnumeratedEnv } from '../config/enumerated-env.js';
import { identityFromEnv, identityVariablesSet, worstCaseFromModels } from '../config/identity-from-env.js';
import { quotasFromEnv } from '../config/quotas-from-env.js';
import { reportTo, type ServerLogger } from '../config/server-logger.js';
import { throttlesFromEnv } from '../config/throttles-from-env.js';
import { leaseFromEnv } from '../config/timeouts-from-env.js';
import { createKnowledgeFromEnv } from '../files/create-knowledge-from-env.js';
import { loadDocsUiAssets } from '../node/load-docs-ui-assets.js';
import { loadWidgetAssets } from '../node/load-widget-assets.js';
import { metricsFromEnv } from '../node/metrics-from-env.js';
import { type ServerHandle, serve } from '../node/serve.js';
import { DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS } from '../quotas/chat-app-quotas.js';
import { otlpTracingFromEnv, startTracing } from '../tracing/otlp-tracing-from-env.js';
import { normaliseOrigin } from '../widget/cors-for-origins.js';

/** Options of {@link runServe}. */
export interface RunServeOptions {
  env: Env;
  port?: number;
  host?: string;
  /** `--dev` given. */
  dev: boolean;
  /** The server's log: the start-up report, requests, the engine's warnings (see `serverLoggerFromEnv`). */
  logger: ServerLogger;
}

/**
 * `company-chat serve`: models from the environment, the store from the environment (PGlite in
 * ./.company-chat by default, PostgreSQL with DATABASE_URL), the app on Node. Logs which models it serves, whether it is in dev mode and, last, where it listens.
 */
export async function runServe(options: RunServeOptions): Promise<ServerHandle> {
  const { env, logger } = options;
  const log = reportTo(logger);
  checkEnumeratedEnv(env);
  const config = configFromEnv(env);
  // Checked with the rest of the configuration, before anything is opened.
  const tracingConfig = otlpTracingFromEnv(env);
  const host = options.host ?? config.host;
  // Decided before anything is opened, so a refusal costs nothing and says what to configure.
  const devMode = decideDevMode(devModeInput(options, host));
  if ('refuse' in devMode) throw new ConfigError(devMode.refuse);
  const dev = devMode.dev;
  // PGlite under ./.company-chat by default, PostgreSQL with DATABASE_URL (see createStoreFromEnv);
  // identity, usage and audit records go to the same database.
  const stores = await createServerStoresFromEnv(env);
  const { store, description: storeDescription } = stores;
  const identity = await identityFromEnv(env, stores.sql);
  const metrics = metricsFromEnv(env);
  const instrumentation = metrics.metrics?.instrumentation;
  const reporting = { logger, ...(instrumentation ? { instrumentation } : {}) };
  const quotas = await quotasFromEnv(env, reporting);
  const throttles = await throttlesFromEnv(env, reporting);
  // In development mode no credential is accepted: API keys stored by an earlier run stay unused.
  const { apiKeys: _keysUnusedInDev, ...devAuth } = identity.auth;
  // Uploads are parsed in worker threads so a large file never stalls the streams of other users.
  const parser = createWorkerParser();
  const knowledge = await createKnowledgeFromEnv({
    env,
    ...(stores.sql ? { sql: stores.sql } : {}),
    chatStore: store,
    parser,
    ...reporting,
  });
  // With no model configured the embedded default answers from the knowledge base alone (no network, no weights).
  const offlineOnly = Object.keys(config.models).length === 0;
  const models = offlineOnly ? { default: offline() } : config.models;
  const engine = createChatEngine({
    models,
    store,
    systemPrompt: config.systemPrompt,
    knowledge: knowledge.knowledge,
    ...reporting,
    ...(config.queryRewriteModel === undefined ? {} : { queryRewriteModel: config.queryRewriteModel }),
    ...leaseFromEnv(env),
  });
  const [widget, docsUi, tracing] = await Promise.all([
    loadWidgetAssets(),
    loadDocsUiAssets(),
    startTracing(tracingConfig, env),
  ]);
  const allowedOrigins = (env.COMPANY_CHAT_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const badOrigins = allowedOrigins.filter((o) => normaliseOrigin(o) === null);
  const app = createChatApp({
    engine,
    dev,
    allowedOrigins,
    ...('assets' in widget ? { widget: widget.assets } : {}),
    ...('assets' in docsUi ? { docsUi: docsUi.assets } : {}),
    auth: { ...(dev ? devAuth : identity.auth), ...throttles.auth },
    quotas: { ...quotas.quotas, worstCase: worstCaseFromModels(models, env) },
    usage: identity.usage,
    knowledge: knowledge.knowledge,
    maxUploadBytes: knowledge.maxUploadBytes,
    ...(knowledge.embedder ? { embedder: knowledge.embedder } : {}),
    readiness: quotas.readiness,
    logger,
    ...(metrics.metrics ? { metrics: metrics.metrics, metricsRoute: metrics.port === undefined } : {}),
  });
  const handle = await serve({ app, engine, port: options.port ?? config.port, hostname: host });
  const metricsHandle = await metrics.listen();

  for (const warning of [...config.warnings, ...quotas.warnings]) log(`warning: ${warning}`);
  if (config.served.length === 0) {
    log(
      'No model is configured: answering with the offline retrieval answerer, which quotes the uploaded files ' +
        '(no language model). To use a model, set one of:',
    );
    for (const line of MODEL_VARIABLES_HELP) log(`  - ${line}`);
  } else {
    log('Models:');
    for (const m of config.served) {
      log(`  ${m.alias.padEnd(10)} ${m.provider} ${m.model}${m.endpoint ? ` at ${m.endpoint}` : ''}`);
    }
  }
  log(`Store: ${storeDescription}.`);
  log(`Knowledge: ${knowledge.description}; ${knowledge.fileStorage}.`);
  log(`Follow-up questions: ${describeRewrite(config.queryRewriteModel)}.`);
  if ('assets' in widget) log(`Widget: demo page at ${handle.url}/, script at ${handle.url}/widget/company-chat.js.`);
  else log(`warning: the widget is not served: ${widget.error}.`);
  if (allowedOrigins.length) log(`Cross-origin pages allowed: ${allowedOrigins.join(', ')}.`);
  for (const o of badOrigins)
    log(`warning: COMPANY_CHAT_ALLOWED_ORIGINS entry ${JSON.stringify(o)} is not an http(s) origin; ignored.`);
  // In development mode no credential is checked (its own line below says so): no identity line then.
  if (!dev) log(`Identity: ${identity.summary.join(', ')}.`);
  log(`Quotas: ${quotas.summary}.`);
  log(
    tracing
      ? `Tracing: ${tracing.description}.`
      : 'Tracing: off (set OTEL_EXPORTER_OTLP_ENDPOINT to export spans over OTLP).',
  );
  log(`Metrics: ${metrics.describe(handle.url, metricsHandle?.url)}.`);
  log(`Sign-in throttle: ${throttles.summary}.`);
  if (quotas.quotas.rateLimiter) {
    const perAddress = quotas.quotas.requestsPerMinutePerAddress ?? DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS;
    log(
      perAddress === 0
        ? 'Per-address request ceiling: off.'
        : `Per-address request ceiling: ${perAddress} requests a minute per client address, taken from ${
            throttles.auth.trustProxy > 0
              ? 'X-Forwarded-For (COMPANY_CHAT_TRUST_PROXY)'
              : 'the connection (behind a load balancer set COMPANY_CHAT_TRUST_PROXY)'
          }.`,
    );
  }
  if (dev) {
    log(
      `Development mode (${devMode.reason}): the X-User-Id header names the user (default "dev-user") and is ` +
        `NOT verified; only loopback clients can reach ${host}. Configure an identity before binding another address.`,
    );
  } else if (!identity.configured) {
    log('Development mode is off and no identity is configured: only API keys are accepted.');
  }
  log(
    'assets' in docsUi
      ? `API reference: ${handle.url}/api/docs (OpenAPI document at ${handle.url}/api/v1/openapi.json).`
      : `API reference page off: ${docsUi.error}. The OpenAPI document is at ${handle.url}/api/v1/openapi.json.`,
  );
  // Last, so whoever waits for this line (scripts, tests) has the whole start-up report.
  log(`company-chat listening on ${handle.url}`);
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      await metricsHandle?.close();
      await parser.close();
      await stores.close();
      await quotas.close();
      await throttles.close();
      // Last: the spans of the requests that just ended are still to be sent.
      await tracing?.shutdown();
    },
  };
}

/** How follow-up questions are searched, for the start-up log. */
function describeRewrite(model: string | ChatModel | undefined): string {
  if (model === undefined) {
    return 'searched with the earlier questions of the conversation (set COMPANY_CHAT_QUERY_REWRITE_MODEL to rewrite them with a model)';
  }
  const name = typeof model === 'string' ? `the ${model} model` : `${model.provider} ${model.modelId}`;
  return `rewritten into standalone questions by ${name}`;
}

/** The inputs of the development-mode decision: flags, identity variables, bind address, NODE_ENV. */
function devModeInput(options: RunServeOptions, host: string) {
  const flag = options.env.COMPANY_CHAT_DEV?.trim();
  const requestedBy = options.dev ? '--dev' : flag === '1' || flag === 'true' ? `COMPANY_CHAT_DEV=${flag}` : undefined;
  return {
    requestedBy,
    disabled: flag === '0' || flag === 'false',
    identity: identityVariablesSet(options.env),
    host,
    nodeEnv: options.env.NODE_ENV?.trim(),
  };
}
