import type { Accounts, AuditLog, LoginThrottle, TokenPair } from '@company-chat/core';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { throttledResponse } from './throttled-response.js';

/** Body of `POST /auth/login`. */
export const loginSchema = z.strictObject({
  email: z.string().min(3).max(320),
  password: z.string().min(1).max(1024),
  tenantId: z
    .string()
    .regex(/^[\w.@:|+-]{1,256}$/)
    .optional(),
});
/** Body of `POST /auth/refresh`. */
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/** Options of {@link accountRoutes}. */
export interface AccountRoutesOptions {
  accounts: Accounts;
  audit?: AuditLog;
  /** Tenant when the login body names none. Default `default`. */
  defaultTenantId?: string;
  /** Slows password guessing per account and address (429 with `Retry-After`). */
  throttle: LoginThrottle;
  /** The client's address (see `clientAddress()`); `undefined` when unknown. */
  address: (c: Context) => string | undefined;
  /** Requests per client address and minute to these routes together; 0 turns the limit off. */
  requestsPerMinute: number;
}

/**
 * Public routes of built-in accounts, mounted before the identity middleware: `POST /auth/login`,
 * `POST /auth/refresh` (rotates; reuse revokes the session), `POST /auth/logout`. Sign-ins are audited
 * with the email masked. Each request counts against its address's `requestsPerMinute`; a login is
 * also checked by the login throttle before its password is, and a success tells the throttle.
 */
export function accountRoutes(options: AccountRoutesOptions): Hono {
  const { accounts, audit, throttle } = options;
  const app = new Hono();
  const limit = jsonBodyLimit(16 * 1024);
  app.use('/auth/*', async (c, next) => {
    const address = options.address(c);
    if (address === undefined || options.requestsPerMinute <= 0) return next();
    const verdict = await throttle.hitAddress('auth', address, options.requestsPerMinute);
    if (!verdict.allowed) return throttledResponse(verdict);
    return next();
  });
  const tokens = (c: Context, pair: TokenPair) =>
    c.json({
      accessToken: pair.accessToken,
      accessTokenExpiresAt: pair.accessTokenExpiresAt.toISOString(),
      refreshToken: pair.refreshToken,
      refreshTokenExpiresAt: pair.refreshTokenExpiresAt.toISOString(),
      user: {
        id: pair.principal.userId,
        tenantId: pair.principal.tenantId,
        roles: pair.principal.roles,
        tier: pair.principal.tier,
      },
    });

  app.post('/auth/login', limit, async (c) => {
    const body = await readJsonBody(c, loginSchema);
    const tenantId = body.tenantId ?? options.defaultTenantId ?? 'default';
    const userAgent = c.req.header('user-agent');
    const attempt = { tenantId, email: body.email, address: options.address(c) };
    const from = attempt.address === undefined ? {} : { ip: attempt.address };
    const verdict = await throttle.attempt(attempt);
    if (!verdict.allowed) {
      await audit
        ?.append({
          tenantId,
          actor: body.email,
          action: 'auth.login',
          outcome: 'denied',
          userAgent,
          ...from,
          details: { throttled: verdict.reason },
        })
        .catch(() => {});
      return throttledResponse(verdict);
    }
    try {
      const pair = await accounts.login({ tenantId, email: body.email, password: body.password });
      await throttle.succeeded(attempt);
      await audit?.append({
        tenantId,
        actor: pair.principal.userId,
        action: 'auth.login',
        target: body.email,
        outcome: 'success',
        userAgent,
        ...from,
      });
      return tokens(c, pair);
    } catch (error) {
      await audit
        ?.append({ tenantId, actor: body.email, action: 'auth.login', outcome: 'failure', userAgent, ...from })
        .catch(() => {});
      throw error;
    }
  });
  app.post('/auth/refresh', limit, async (c) =>
    tokens(c, await accounts.refresh((await readJsonBody(c, refreshSchema)).refreshToken)),
  );
  app.post('/auth/logout', limit, async (c) => {
    await accounts.logout((await readJsonBody(c, refreshSchema)).refreshToken);
    return c.body(null, 204);
  });
  for (const path of ['/auth/login', '/auth/refresh', '/auth/logout']) app.all(path, methodNotAllowed(['POST']));
  return app;
}
