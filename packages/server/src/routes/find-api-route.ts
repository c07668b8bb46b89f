import type { ApiRoute } from './api-route-table.js';

/** Where the API is mounted; the table's paths are relative to it unless a route names its own prefix. */
export const API_PREFIX = '/api/v1';

/** Where the OpenAI-compatible gateway is mounted. */
export const GATEWAY_PREFIX = '/v1';

/** The full path pattern of a table rule, e.g. `/api/v1/conversations/:id` or `/v1/chat/completions`. */
export function routePath(route: ApiRoute): string {
  return (route.prefix ?? API_PREFIX) + route.path;
}

/** A table rule with its path compiled to a regular expression. */
export interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
}

/** Compiles Hono path patterns (`:param` = one segment, a trailing `/*` = anything below). */
export function compileRoutes(routes: readonly ApiRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const full = routePath(route);
    const wildcard = full.endsWith('/*');
    const body = (wildcard ? full.slice(0, -2) : full)
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { route, pattern: new RegExp(`^${body}${wildcard ? '(?:/.*)?' : ''}$`) };
  });
}

/**
 * The rule for a request: the one naming its method and path, else a prefix guard (`ALL`) covering the
 * path, else none (an unknown path or method, answered 404/405 by the routes themselves). `HEAD` is a
 * `GET`, as Hono serves it.
 */
export function findApiRoute(compiled: readonly CompiledRoute[], method: string, path: string): ApiRoute | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return (
    compiled.find((c) => c.route.method === m && c.pattern.test(path))?.route ??
    compiled.find((c) => c.route.method === 'ALL' && c.pattern.test(path))?.route
  );
}

/**
 * Routes an app serves under the API or gateway prefix that no table rule names exactly (`method path`),
 * e.g. `POST /api/v1/new-thing`. Catch-all handlers (`app.all`, middleware) are not routes.
 */
export function undeclaredRoutes(
  app: { routes: ReadonlyArray<{ method: string; path: string }> },
  routes: readonly ApiRoute[],
): string[] {
  const declared = new Set(routes.map((r) => `${r.method} ${routePath(r)}`));
  const missing = app.routes
    .filter((r) => r.method !== 'ALL' && [API_PREFIX, GATEWAY_PREFIX].some((p) => r.path.startsWith(`${p}/`)))
    .map((r) => `${r.method} ${r.path}`)
    .filter((r) => !declared.has(r));
  return [...new Set(missing)];
}
