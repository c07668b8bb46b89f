import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The pattern of the endpoint that matched a request (`/api/v1/conversations/:id`): the last matched
 * route of a method, else a path of `app.all` (the 405 answers), else `unmatched`. For metrics labels
 * and log lines, so their values stay bounded and carry no ids whatever paths clients send.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  const endpoint = routes.findLast((r) => r.method !== 'ALL') ?? routes.findLast((r) => !r.path.includes('*'));
  return endpoint?.path ?? 'unmatched';
}
