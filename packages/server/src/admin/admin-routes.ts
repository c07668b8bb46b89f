import { authorize, CompanyChatError } from '@company-chat/core';
import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { type AdminRoutesOptions, auditAdmin } from './admin-context.js';
import { adminKeysRoutes } from './admin-keys-routes.js';
import { adminModelsRoutes } from './admin-models-routes.js';
import { adminQuotaRoutes } from './admin-quota-routes.js';
import { adminReportsRoutes } from './admin-reports-routes.js';
import { adminUsersRoutes } from './admin-users-routes.js';

export type { AdminRoutesOptions } from './admin-context.js';

// Reports auditors may read (GET only); everything else needs the admin role.
const auditorReadable = /^\/api\/v1\/admin\/(?:usage|usage\/records|audit)$/;

/**
 * The admin API, mounted at `/api/v1/admin` behind the identity middleware. Every route of it passes
 * this sub-app's role check first (`admin`, or `auditor` for reading reports; API keys also need the
 * `admin` scope); the path it checks is canonical because `rejectNonCanonicalPaths()` answered 404 to
 * every other spelling before routing. Refusals are audited.
 */
export function adminRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const principal = c.var.principal;
    try {
      const readOnly =
        c.req.method === 'GET' && auditorReadable.test(c.req.path) && principal.roles.includes('auditor');
      authorize(principal, readOnly ? { scope: 'admin' } : { role: 'admin', scope: 'admin' });
    } catch (error) {
      if (CompanyChatError.isInstance(error)) {
        await auditAdmin(c, options, {
          action: 'admin.denied',
          target: `${c.req.method} ${c.req.path}`,
          outcome: 'denied',
        });
      }
      throw error;
    }
    await next();
  });
  app.route('/', adminUsersRoutes(options));
  app.route('/', adminKeysRoutes(options));
  app.route('/', adminQuotaRoutes(options));
  app.route('/', adminModelsRoutes(options));
  app.route('/', adminReportsRoutes(options));
  return app;
}
