import {
  type AuditLog,
  type Authenticator,
  CompanyChatError,
  forbidden,
  type Owner,
  type Principal,
  QuotaError,
  type RateLimiter,
  type UserDirectory,
} from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import { jsonErrorResponse } from '../errors/error-response.js';
import { ownerFor } from './owner-principals.js';

/** Variables the identity middleware sets: `owner` for the stores, `principal` for limits and roles. */
export interface IdentityEnv {
  Variables: { owner: Owner; principal: Principal };
}

/** Options of {@link authenticateRequest}. */
export interface AuthenticateRequestOptions {
  /** `createAuthenticator()` from @company-chat/core. */
  authenticator: Authenticator;
  /** Counts every authenticated request against `requestsPerMinute`. */
  rateLimiter?: RateLimiter;
  /** Records refusals of known principals (403, 429). */
  audit?: AuditLog;
  /**
   * The tenant's users: a suspended user is refused 403 whatever credential they present, a tier set by
   * an admin overrides the credential's, and users first seen through a token or key are added.
   */
  users?: UserDirectory;
}

/** `Retry-After` for a 429 from a quota or rate limit (RFC 9110 §10.2.3: whole seconds). */
export function retryAfterHeaders(error: unknown): Record<string, string> | undefined {
  if (error instanceof QuotaError) return { 'retry-after': String(error.retryAfterSeconds) };
  // Any other error that knows when to try again (a provider's 429, a store outage).
  if (CompanyChatError.isInstance(error) && error.retryAfterMs !== undefined) {
    return { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) };
  }
  return undefined;
}

/**
 * Resolves the request's credentials (JWT, widget token, API key, access token; the dev header only
 * when the authenticator's dev mode is on) to a principal, then counts the request against the
 * principal's rate limit. Limit keys come from the principal only, never from `X-Forwarded-For` or
 * other headers. 401/403 go to the app's error handler; a 429 is answered here with `Retry-After`.
 */
export function authenticateRequest(options: AuthenticateRequestOptions): MiddlewareHandler<IdentityEnv> {
  return async (c, next) => {
    let principal: Principal | undefined;
    try {
      principal = await options.authenticator.authenticate(c.req.raw);
      if (options.users && principal.via !== 'dev') principal = await applyDirectory(options.users, principal);
      c.set('principal', principal);
      c.set('owner', ownerFor(principal));
      await options.rateLimiter?.hit(principal);
    } catch (error) {
      if (principal && options.audit && CompanyChatError.isInstance(error)) {
        await options.audit
          .append({
            tenantId: principal.tenantId,
            actor: principal.keyId ? `key:${principal.keyId}` : principal.userId,
            action: error instanceof QuotaError ? 'quota.denied' : 'request.denied',
            target: `${c.req.method} ${new URL(c.req.url).pathname}`,
            outcome: 'denied',
            userAgent: c.req.header('user-agent'),
            details: {
              code: error.code,
              ...(error instanceof QuotaError ? { limit: error.limit, scope: error.scope } : {}),
            },
          })
          .catch(() => {});
      }
      if (error instanceof QuotaError) return jsonErrorResponse(error, retryAfterHeaders(error));
      throw error;
    }
    await next();
  };
}

async function applyDirectory(users: UserDirectory, principal: Principal): Promise<Principal> {
  const record =
    (await users.get(principal.tenantId, principal.userId)) ??
    (await users.ensure({
      tenantId: principal.tenantId,
      id: principal.userId,
      roles: principal.roles,
      tier: principal.tier,
    }));
  if (record.status === 'suspended') throw forbidden('This account is suspended.');
  return { ...principal, tier: record.tier };
}
