// The Worker: company-chat configured from the Worker's vars, secrets and bindings (see wrangler.toml).
// Users are the host app's: it mints short-lived widget tokens for its logged-in users with
// `mintWidgetToken({ secret: WIDGET_TOKEN_SECRET, user })` from @company-chat/core, and the widget sends them.
import { type CompanyChatWorkerEnv, createWorker, workerSetupFromEnv } from '@company-chat/server/workers';

/** The bindings of this Worker. */
export interface Env extends CompanyChatWorkerEnv {
  /** Secret shared with the host app's backend (≥ 32 bytes). Without it only dev mode can chat. */
  WIDGET_TOKEN_SECRET?: string;
}

export default createWorker<Env>(async (env) => ({
  // Models, system prompt and store (PostgreSQL through HYPERDRIVE / DATABASE_URL, else memory).
  ...(await workerSetupFromEnv(env)),
  ...(env.WIDGET_TOKEN_SECRET ? { auth: { widgetTokens: { secret: env.WIDGET_TOKEN_SECRET } } } : {}),
}));
