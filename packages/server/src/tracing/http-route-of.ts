import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route pattern a request matched (`/api/v1/conversations/:id`), for `http.route` and the span name:
 * the first route registered for its method, else a method-less route with a fixed path (the 405
 * answers); middleware patterns (`*`, `/api/v1/*`) are not routes. Undefined for an unknown path, so
 * URLs with ids never become span names. Known also when a middleware answered first (401, 429).
 */
export function httpRouteOf(c: Context): string | undefined {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const routes = matchedRoutes(c);
  return (
    routes.find((r) => r.method === method)?.path ??
    routes.find((r) => r.method === 'ALL' && !r.path.endsWith('*'))?.path
  );
}
