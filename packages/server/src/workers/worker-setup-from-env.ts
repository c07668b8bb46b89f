import { type ChatStore, createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { configFromEnv, type Env } from '../config/config-from-env.js';
import { checkEnumeratedEnv } from '../config/enumerated-env.js';
import type { WorkerAppSetup } from './create-worker.js';

/** The Worker env bindings {@link workerSetupFromEnv} reads (vars and secrets in wrangler.toml). */
export interface CompanyChatWorkerEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  AZURE_OPENAI_ENDPOINT?: string;
  AZURE_OPENAI_API_KEY?: string;
  AZURE_OPENAI_DEPLOYMENT?: string;
  AZURE_OPENAI_API_VERSION?: string;
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  ANTHROPIC_MODEL?: string;
  COMPANY_CHAT_SYSTEM_PROMPT?: string;
  /** `1`: development identity (X-User-Id names the user, unverified). Never in production. */
  COMPANY_CHAT_DEV?: string;
  /** PostgreSQL connection string; without it (and without HYPERDRIVE) conversations live in memory. */
  DATABASE_URL?: string;
  /** A Hyperdrive binding in front of PostgreSQL (preferred over DATABASE_URL when both are set). */
  HYPERDRIVE?: { connectionString: string };
}

// Migrations run once per isolate and database, not on every request.
const migrated = new Set<string>();
// The demo store lives as long as the isolate (the engine around it is rebuilt per request).
let memoryStore: ChatStore | undefined;

/**
 * The default setup of `createWorker()`, run for each request: models from the same variables as the CLI (`configFromEnv`),
 * the system prompt from `COMPANY_CHAT_SYSTEM_PROMPT`, and conversations in PostgreSQL (`pg` over
 * `cloudflare:sockets`, needs the `nodejs_compat` flag) when `DATABASE_URL` or `HYPERDRIVE` is bound, else
 * in memory (a demo: each isolate has its own, lost on eviction). PGlite is not offered on Workers.
 */
export async function workerSetupFromEnv(env: CompanyChatWorkerEnv): Promise<WorkerAppSetup> {
  const vars: Env = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') vars[key] = value;
  checkEnumeratedEnv(vars);
  const config = configFromEnv(vars);

  let store: ChatStore;
  const connectionString = env.HYPERDRIVE?.connectionString ?? vars.DATABASE_URL?.trim();
  if (connectionString) {
    const { createPostgresChatStore } = await import('@company-chat/core/postgres');
    store = await createPostgresChatStore({
      connectionString,
      // One connection per request: workerd does not let a pooled socket serve another request.
      max: 1,
      migrate: !migrated.has(connectionString),
      // Another request (or isolate) may be streaming right now: never mark live answers interrupted here.
      recoverInterrupted: false,
    });
    migrated.add(connectionString);
  } else {
    memoryStore ??= createMemoryChatStore();
    store = memoryStore;
  }
  const engine = createChatEngine({
    models: config.models,
    store,
    systemPrompt: config.systemPrompt,
    // No timers that outlive a request on Workers: a Node instance or a scheduled job sweeps instead.
    sweepIntervalMs: 0,
  });
  const dev = vars.COMPANY_CHAT_DEV === '1' || vars.COMPANY_CHAT_DEV === 'true';
  return { engine, dev, ...(connectionString ? { dispose: () => store.close() } : {}) };
}
