import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { createOpenApiDocument } from './create-openapi-document.js';

let cached: string | undefined;

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document, public (it describes the API, not anyone's data). Built
 * on first request, not at start-up, so a Worker's cold start does not pay for it.
 */
export function openApiRoute(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/openapi.json', (c) => {
    cached ??= JSON.stringify(createOpenApiDocument());
    return c.body(cached, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    });
  });
  app.all('/openapi.json', methodNotAllowed(['GET']));
  return app;
}
