import { API_KEY_SCOPES, type ApiKeys, CompanyChatError, ROLES, type Role } from '@company-chat/core';
import { apiKeyScopeSchema } from '@company-chat/core/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app/app-env.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { type AdminRoutesOptions, auditAdmin } from './admin-context.js';

/** Body of `POST /admin/api-keys`. */
export const createApiKeySchema = z.strictObject({
  userId: z.string().regex(/^[\w.@:|+-]{1,256}$/),
  name: z.string().min(1).max(200),
  scopes: z.array(apiKeyScopeSchema).min(1).max(API_KEY_SCOPES.length),
  roles: z
    .array(z.enum(ROLES as [Role, ...Role[]]))
    .max(3)
    .optional(),
  tier: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

/** `/api-keys`: create (the key is shown once), list (never the key or its hash) and revoke. */
export function adminKeysRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const keys = (): ApiKeys => {
    if (!options.auth.apiKeys)
      throw new CompanyChatError({ code: 'not_supported', message: 'API keys are not enabled.' });
    return options.auth.apiKeys;
  };
  app.get('/api-keys', async (c) => {
    const userId = c.req.query('userId');
    return c.json({ keys: await keys().list(c.var.principal.tenantId, userId ? { userId } : undefined) });
  });
  app.post('/api-keys', jsonBodyLimit(16 * 1024), async (c) => {
    const body = await readJsonBody(c, createApiKeySchema);
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw new CompanyChatError({ code: 'invalid_request', message: 'expiresAt must be in the future.' });
    }
    const created = await keys().create({
      tenantId: c.var.principal.tenantId,
      userId: body.userId,
      name: body.name,
      scopes: body.scopes,
      ...(body.roles ? { roles: body.roles } : {}),
      ...(body.tier ? { tier: body.tier } : {}),
      expiresAt,
    });
    await auditAdmin(c, options, {
      action: 'api_key.create',
      target: `api_key:${created.id}`,
      details: { userId: body.userId, scopes: created.scopes, roles: created.roles },
    });
    return c.json(created, 201);
  });
  app.delete('/api-keys/:id', async (c) => {
    const id = c.req.param('id');
    const revoked = await keys().revoke(c.var.principal.tenantId, id);
    if (!revoked) throw new CompanyChatError({ code: 'not_found', message: 'No such API key.' });
    await auditAdmin(c, options, { action: 'api_key.revoke', target: `api_key:${id}` });
    return c.body(null, 204);
  });
  return app;
}
