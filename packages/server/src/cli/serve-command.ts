import { createChatEngine } from '@company-chat/core';
import { createChatApp } from '../app/create-chat-app.js';
import { configFromEnv, type Env, MODEL_VARIABLES_HELP } from '../config/config-from-env.js';
import { createStoreFromEnv } from '../config/create-store-from-env.js';
import { type ServerHandle, serve } from '../node/serve.js';

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
  // Until an identity provider can be configured, development mode is the only mode that can serve
  // anyone: on unless explicitly turned off with COMPANY_CHAT_DEV=0.
  const devOff = env.COMPANY_CHAT_DEV === '0' || env.COMPANY_CHAT_DEV === 'false';
  const dev = options.dev || !devOff;
  // PGlite under ./.company-chat by default, PostgreSQL with DATABASE_URL (see createStoreFromEnv).
  const { store, description: storeDescription } = await createStoreFromEnv(env);
  const engine = createChatEngine({ models: config.models, store, systemPrompt: config.systemPrompt });
  const app = createChatApp({ engine, dev });
  const handle = await serve({ app, engine, port: options.port ?? config.port, hostname: options.host ?? config.host });

  for (const warning of config.warnings) log(`warning: ${warning}`);
  if (config.served.length === 0) {
    log('No model is configured, so POST /api/v1/chat answers 503 no_model_configured. Set one of:');
    for (const line of MODEL_VARIABLES_HELP) log(`  - ${line}`);
  } else {
    log('Models:');
    for (const m of config.served) {
      log(`  ${m.alias.padEnd(10)} ${m.provider} ${m.model}${m.endpoint ? ` at ${m.endpoint}` : ''}`);
    }
  }
  log(`Store: ${storeDescription}.`);
  if (dev) {
    log(
      'Development mode: the X-User-Id header names the user (default "dev-user") and is NOT verified. ' +
        'This is the default until identity is configured; do not expose this server to untrusted clients.',
    );
  } else {
    log('Development mode is off and no identity provider is configured: API requests are answered 401.');
  }
  // Last, so whoever waits for this line (scripts, tests) has the whole start-up report.
  log(`company-chat listening on ${handle.url}`);
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      await store.close();
    },
  };
}
