import { mintWidgetToken, normalizeRoles, type Principal } from '@company-chat/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import type { IdentityEnv } from './authenticate-request.js';

/** Body of `POST /widget-tokens`. */
export const widgetTokenRequestSchema = z.strictObject({
  userId: z.string().regex(/^[\w.@:|+-]{1,256}$/),
  tier: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  roles: z
    .array(z.enum(['user', 'admin', 'auditor']))
    .max(3)
    .optional(),
  ttl: z.number().int().min(1).max(3600).optional(),
  // Required: a token minted here only works from the page it is for (checked against `Origin`).
  origin: z.url({ protocol: /^https?$/ }),
});

/**
 * `POST /widget-tokens`: mints a widget token for a user of the caller's tenant and the page origin it is
 * for, for host backends that cannot call `mintWidgetToken()` (other languages). Minting for any user is
 * impersonation, so the route table asks for the `widget-tokens` scope and the admin role; the tenant is
 * the caller's, never the body's, and the token gets no role the caller does not have.
 */
export function widgetTokenRoute(options: { secret: string | Uint8Array }): Hono<IdentityEnv> {
  const app = new Hono<IdentityEnv>();
  app.post('/widget-tokens', jsonBodyLimit(16 * 1024), async (c) => {
    const principal: Principal = c.var.principal;
    const body = await readJsonBody(c, widgetTokenRequestSchema);
    const roles = normalizeRoles(body.roles ?? ['user']).filter(
      (role) => principal.roles.includes(role) || role === 'user',
    );
    const ttl = body.ttl ?? 600;
    const token = await mintWidgetToken({
      secret: options.secret,
      user: { id: body.userId, tenantId: principal.tenantId, roles, ...(body.tier ? { tier: body.tier } : {}) },
      ttl,
      origin: body.origin,
    });
    return c.json({ token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() }, 201);
  });
  app.all('/widget-tokens', methodNotAllowed(['POST']));
  return app;
}
