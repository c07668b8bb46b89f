import { Hono } from 'hono';
import { chatRoute } from '../chat/chat-route.js';
import { conversationsRoutes } from '../conversations/conversations-routes.js';
import { historyRoutes } from '../conversations/history-routes.js';
import { createErrorHandler, type ErrorLogger, notFoundHandler } from '../errors/error-handler.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { devIdentity } from '../identity/dev-identity.js';
import { modelsRoute } from '../models/models-route.js';
import type { AppEnv } from './app-env.js';
import type { ChatEnginePort } from './chat-engine-port.js';

/** Options of {@link createChatApp}. */
export interface ChatAppOptions {
  /** The chat engine (`createChatEngine()` from @company-chat/core). */
  engine: ChatEnginePort;
  /**
   * Development mode: the user is named by the `X-User-Id` header (default `dev-user`), unverified.
   * Without it every API request is answered 401 until an identity provider is configured.
   * Defaults to `COMPANY_CHAT_DEV=1` in the environment.
   */
  dev?: boolean;
  /** Largest accepted request body in bytes (also for chunked bodies). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Longest accepted chat message, in characters. Default 32,000 (the engine's default). */
  maxContentLength?: number;
  /** Interval of SSE `: ping` comments that keep idle connections open. Default 15 s; 0 disables. */
  heartbeatMs?: number;
  /** Where unexpected errors are logged. Default `console.error`. */
  logger?: ErrorLogger;
}

/** The Hono app {@link createChatApp} returns. */
export type ChatApp = Hono<AppEnv>;

const engines = new WeakMap<object, ChatEnginePort>();

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
 * models and `GET /health`. Every error is JSON `{ "error": { "code", "message" } }`.
 *
 * @example
 * ```ts
 * const engine = createChatEngine({ models: { default: openai({ model: 'gpt-4o-mini' }) }, store });
 * const app = createChatApp({ engine, dev: true });
 * serve({ app, port: 3000 }); // from @company-chat/server/node
 * ```
 */
export function createChatApp(options: ChatAppOptions): ChatApp {
  const { engine } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const log: ErrorLogger = options.logger ?? ((message, error) => console.error(`[company-chat] ${message}`, error));

  const api = new Hono<AppEnv>();
  api.use(devIdentity({ dev: options.dev ?? devFromEnv() }));
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

  const app = new Hono<AppEnv>();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.all('/health', methodNotAllowed(['GET']));
  app.route('/api/v1', api);
  app.notFound(notFoundHandler);
  app.onError(createErrorHandler(log));
  engines.set(app, engine);
  return app;
}
