import { createChatEngine, offline } from '@company-chat/core';
import { createChatApp } from '../app/create-chat-app.js';
import { configFromEnv, type Env, MODEL_VARIABLES_HELP } from '../config/config-from-env.js';
import { createServerStoresFromEnv } from '../config/create-server-stores-from-env.js';
import { identityFromEnv, worstCaseFromModels } from '../config/identity-from-env.js';
import { quotasFromEnv } from '../config/quotas-from-env.js';
import { leaseFromEnv } from '../config/timeouts-from-env.js';
import { createKnowledgeFromEnv } from '../files/create-knowledge-from-env.js';
import { loadWidgetAssets } from '../node/load-widget-assets.js';
import { type ServerHandle, serve } from '../node/serve.js';
import { normaliseOrigin } from '../widget/cors-for-origins.js';

/** Options of {@link runServe}. */
export interface RunServeOptions {
  env: Env;
  port?: number;
  host?: string;
  /** `--dev` given. */
  dev: boolean;
  log: (line: string) => void;
}

/**
 * `company-chat serve`: models from the environment, the store from the environment (PGlite in
 * ./.company-chat by default, PostgreSQL with DATABASE_URL), the app on Node. Logs which models it serves, whether it is in dev mode and, last, where it listens.
 */
export async function runServe(options: RunServeOptions): Promise<ServerHandle> {
  const { env, log } = options;
  const config = configFromEnv(env);
  // PGlite under ./.company-chat by default, PostgreSQL with DATABASE_URL (see createStoreFromEnv);
  // identity, usage and audit records go to the same database.
  const stores = await createServerStoresFromEnv(env);
  const { store, description: storeDescription } = stores;
  const identity = await identityFromEnv(env, stores.sql);
  const quotas = await quotasFromEnv(env);
  // Development mode (unverified X-User-Id) is the default only while no identity is configured;
  // --dev forces it on, COMPANY_CHAT_DEV=0 off.
  const devOff = env.COMPANY_CHAT_DEV === '0' || env.COMPANY_CHAT_DEV === 'false';
  const devOn = env.COMPANY_CHAT_DEV === '1' || env.COMPANY_CHAT_DEV === 'true';
  const dev = options.dev || devOn || (!devOff && !identity.configured);
  const knowledge = await createKnowledgeFromEnv({ env, ...(stores.sql ? { sql: stores.sql } : {}), chatStore: store });
  // With no model configured the embedded default answers from the knowledge base alone (no network, no weights).
  const offlineOnly = Object.keys(config.models).length === 0;
  const models = offlineOnly ? { default: offline() } : config.models;
  const engine = createChatEngine({
    models,
    store,
    systemPrompt: config.systemPrompt,
    knowledge: knowledge.knowledge,
    ...leaseFromEnv(env),
  });
  const widget = await loadWidgetAssets();
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
    auth: identity.auth,
    quotas: { ...quotas.quotas, worstCase: worstCaseFromModels(models, env) },
    usage: identity.usage,
    knowledge: knowledge.knowledge,
    maxUploadBytes: knowledge.maxUploadBytes,
    readiness: quotas.readiness,
  });
  const handle = await serve({ app, engine, port: options.port ?? config.port, hostname: options.host ?? config.host });

  for (const warning of config.warnings) log(`warning: ${warning}`);
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
  log(`Knowledge: ${knowledge.description}.`);
  if ('assets' in widget) log(`Widget: demo page at ${handle.url}/, script at ${handle.url}/widget/company-chat.js.`);
  else log(`warning: the widget is not served: ${widget.error}.`);
  if (allowedOrigins.length) log(`Cross-origin pages allowed: ${allowedOrigins.join(', ')}.`);
  for (const o of badOrigins)
    log(`warning: COMPANY_CHAT_ALLOWED_ORIGINS entry ${JSON.stringify(o)} is not an http(s) origin; ignored.`);
  log(`Identity: ${identity.summary.join(', ')}.`);
  log(`Quotas: ${quotas.summary}.`);
  if (dev) {
    log(
      'Development mode: the X-User-Id header names the user (default "dev-user") and is NOT verified. ' +
        (identity.configured
          ? 'It was turned on explicitly (--dev or COMPANY_CHAT_DEV=1) next to the configured identity.'
          : 'This is the default because no identity is configured (COMPANY_CHAT_JWT_SECRET, COMPANY_CHAT_JWKS_URL, COMPANY_CHAT_WIDGET_SECRET, COMPANY_CHAT_ACCOUNTS_SECRET or COMPANY_CHAT_ADMIN_KEY)') +
        '; do not expose this server to untrusted clients.',
    );
  } else if (!identity.configured) {
    log('Development mode is off and no identity is configured: only API keys are accepted.');
  }
  // Last, so whoever waits for this line (scripts, tests) has the whole start-up report.
  log(`company-chat listening on ${handle.url}`);
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      await stores.close();
      await quotas.close();
    },
  };
}
