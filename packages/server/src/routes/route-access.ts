import { type AuditLog, authorize, QuotaError, type RateLimiter } from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { jsonErrorResponse } from '../errors/error-response.js';
import { auditDenial } from '../identity/audit-denial.js';
import { retryAfterHeaders } from '../identity/authenticate-request.js';
import type { ApiRoute } from './api-route-table.js';
import { compileRoutes, findApiRoute } from './find-api-route.js';

/** Options of {@link routeAccess}. */
export interface RouteAccessOptions {
  routes: readonly ApiRoute[];
  /** Counts the rate a route names (messages, uploads) against the caller's tier. */
  rateLimiter?: RateLimiter | undefined;
  /** Records refusals. */
  audit?: AuditLog | undefined;
}

/**
 * The one place that decides what an authenticated principal may call: the request's rule from the
 * route table gives the scope and role it needs (403 `forbidden` otherwise) and the rate it counts
 * (429 `rate_limited` with `Retry-After` when used up). Runs after the identity middleware.
 */
export function routeAccess(options: RouteAccessOptions): MiddlewareHandler<AppEnv> {
  const compiled = compileRoutes(options.routes);
  return async (c, next) => {
    const route = findApiRoute(compiled, c.req.method, c.req.path);
    if (route === undefined || route.access === 'public') return next();
    const principal = c.var.principal;
    try {
      authorize(principal, route.access);
      if (route.counts) await options.rateLimiter?.hit(principal, route.counts);
    } catch (error) {
      await auditDenial(c, options.audit, principal, error);
      if (error instanceof QuotaError) return jsonErrorResponse(error, retryAfterHeaders(error));
      throw error;
    }
    await next();
  };
}
