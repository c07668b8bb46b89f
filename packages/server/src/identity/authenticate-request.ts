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
import { auditDenial } from './audit-denial.js';
import type { ClientAddressOf } from './client-address.js';
import { ownerFor } from './owner-principals.js';

/** Variables the identity middleware sets: `owner` for the stores, `principal` for limits and roles. */
export interface IdentityEnv {
  Variables: { owner: Owner; principal: Principal };
}

/** Options of {@link authenticateRequest}. */
export interface AuthenticateRequestOptions {
  /** `createAuthenticator()` from @company-chat/core. */
  authenticator: Authenticator;
  /** Counts every request against the per-client-address ceiling (`addressCeiling`). */
  rateLimiter?: RateLimiter;
  /**
   * The abuse ceiling: requests per minute from one client address, whoever sends them (0 = off), and
   * how the address is found. Checked before the credential, so floods of bad credentials count too.
   */
  addressCeiling?: { perMinute: number; clientAddress: ClientAddressOf };
  /** Records refusals of known principals (403, 429). */
  audit?: AuditLog;
  /**
   * The tenant's users: a suspended user is refused 403 whatever credential they present, a tier set by
   * an admin overrides the credential's, an API key gets only the roles its user still has, and users
   * first seen through a token or key are added.
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
 * Counts the request against the client address's ceiling, then resolves its credentials (JWT, widget
 * token, API key, access token; the dev header only when the authenticator's dev mode is on) to a
 * principal. Which routes the principal may call and which rates they count is the route-access
 * middleware's job. Limit keys come from the principal or the connection, never from headers the client
 * chooses. 401/403 go to the app's error handler; a 429 is answered here with `Retry-After`.
 */
export function authenticateRequest(options: AuthenticateRequestOptions): MiddlewareHandler<IdentityEnv> {
  const ceiling = options.addressCeiling;
  return async (c, next) => {
    if (options.rateLimiter && ceiling && ceiling.perMinute > 0) {
      const address = ceiling.clientAddress(c);
      if (address) {
        try {
          await options.rateLimiter.hitAddress(address, ceiling.perMinute);
        } catch (error) {
          if (error instanceof QuotaError) return jsonErrorResponse(error, retryAfterHeaders(error));
          throw error;
        }
      }
    }
    let principal: Principal | undefined;
    try {
      principal = await options.authenticator.authenticate(c.req.raw);
      if (options.users && principal.via !== 'dev') principal = await applyDirectory(options.users, principal);
      c.set('principal', principal);
      c.set('owner', ownerFor(principal));
    } catch (error) {
      if (principal) await auditDenial(c, options.audit, principal, error);
      throw error;
    }
    await next();
  };
}

/**
 * The directory's view of the principal: suspension refuses, the tier is the directory's, and an API
 * key acts with only those of its roles its user still holds (demoting a user demotes their keys).
 */
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
  const roles = principal.via === 'api-key' ? principal.roles.filter((r) => record.roles.includes(r)) : principal.roles;
  return { ...principal, roles, tier: record.tier };
}
