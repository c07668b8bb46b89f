import { createMemoryLoginThrottle } from '@company-chat/core';
import { assertDevAppBind } from '../app/assert-dev-mode-allowed.js';
import { type ChatApp, type ChatAppOptions, createChatApp, isDevChatApp } from '../app/create-chat-app.js';
import { errorResponse } from '../errors/error-response.js';
import { keepAliveEngine } from './keep-alive-engine.js';
import { type CompanyChatWorkerEnv, workerSetupFromEnv } from './worker-setup-from-env.js';

/** The part of the Workers `ExecutionContext` the adapter uses. */
export interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** A Workers module (`export default`) handler. */
export interface WorkerHandler<E> {
  fetch(request: Request, env: E, ctx: WorkerExecutionContext): Promise<Response>;
}

/** What a Worker's setup function returns: the options of `createChatApp()`, and how to release them. */
export interface WorkerAppSetup extends ChatAppOptions {
  /** Releases what this request's setup opened (a `pg` connection); called once its response and stream ended. */
  dispose?: () => Promise<void>;
}

/** Builds the app's options for one request from the Worker's env bindings. */
export type WorkerSetup<E> = (env: E) => WorkerAppSetup | Promise<WorkerAppSetup>;

// Sign-in failures are counted per isolate unless the setup passes a shared `loginThrottle`.
const isolateThrottle = createMemoryLoginThrottle();

/**
 * Makes a Cloudflare Workers handler (`export default createWorker()`). The setup runs for every request
 * and the app is built around the engine it returns, because workerd binds I/O objects (sockets, abort
 * signals, streams) to the request that created them: an engine or `pg` pool built in one request and used
 * by the next fails with "Cannot perform I/O on behalf of a different request". Building an engine is
 * cheap; what must outlive a request (a memory store) belongs in a module-level variable of the setup.
 * Without a setup function the env is read like the CLI reads `process.env` (`OPENAI_*`,
 * `AZURE_OPENAI_*`, `ANTHROPIC_*`, `COMPANY_CHAT_*`, `DATABASE_URL`): see {@link workerSetupFromEnv}.
 * A stream that outlives its response (the client left while the partial answer is being stored) is kept
 * alive with `ctx.waitUntil()`, and `dispose()` runs after it.
 *
 * @example
 * ```ts
 * import { createWorker } from '@company-chat/server/workers';
 * export default createWorker(); // wrangler.toml: compatibility_flags = ["nodejs_compat"]
 * ```
 */
export function createWorker<E = CompanyChatWorkerEnv>(
  setup: WorkerSetup<E> = workerSetupFromEnv as WorkerSetup<E>,
): WorkerHandler<E> {
  return {
    async fetch(request, env, ctx) {
      let options: WorkerAppSetup | undefined;
      let app: ChatApp;
      let kept: ReturnType<typeof keepAliveEngine>;
      try {
        options = await setup(env);
        const { dispose: _dispose, ...appOptions } = options;
        kept = keepAliveEngine(appOptions.engine);
        // The app is rebuilt per request, so a default (in-memory) login throttle must outlive it.
        const auth = appOptions.auth && { loginThrottle: isolateThrottle, ...appOptions.auth };
        app = createChatApp({ ...appOptions, ...(auth ? { auth } : {}), engine: kept.engine });
        // A Worker has no bind address: development mode answers only requests addressed to this
        // machine (`wrangler dev`), never a deployed hostname.
        assertDevAppBind(isDevChatApp(app), new URL(request.url).hostname);
      } catch (error) {
        console.error('[company-chat] the worker could not start', error);
        await options?.dispose?.().catch(() => {});
        return errorResponse('internal', 'The chat service is not configured correctly; see the Worker logs.', 500);
      }
      const { dispose } = options;
      let response: Response;
      try {
        response = await app.fetch(request, env, ctx as Parameters<ChatApp['fetch']>[2]);
      } finally {
        const streams = [...kept.running];
        if (streams.length > 0 || dispose) ctx.waitUntil(Promise.all(streams).then(() => dispose?.()));
      }
      return response;
    },
  };
}
