import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';

/** `GET /models`: the model aliases a client may name in a chat request. */
export function modelsRoute(options: { engine: ChatEnginePort }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/models', (c) => c.json({ models: options.engine.listModels() }));
  app.all('/models', methodNotAllowed(['GET']));
  return app;
}
