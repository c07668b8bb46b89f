import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { AdminRoutesOptions } from './admin-context.js';
import { adminKeysRoutes } from './admin-keys-routes.js';
import { adminModelsRoutes } from './admin-models-routes.js';
import { adminQuotaRoutes } from './admin-quota-routes.js';
import { adminReportsRoutes } from './admin-reports-routes.js';
import { adminUsersRoutes } from './admin-users-routes.js';

export type { AdminRoutesOptions } from './admin-context.js';

/**
 * The admin API, mounted at `/api/v1/admin` behind the identity and route-access middleware, which
 * checks every route's role and scope from the route table (`admin`, or `auditor` for reading reports;
 * scope `admin`) on a canonical path (`rejectNonCanonicalPaths()` answered 404 to every other spelling
 * before routing). Refusals are audited as `admin.denied`.
 */
export function adminRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', adminUsersRoutes(options));
  app.route('/', adminKeysRoutes(options));
  app.route('/', adminQuotaRoutes(options));
  app.route('/', adminModelsRoutes(options));
  app.route('/', adminReportsRoutes(options));
  return app;
}
