import {
  type AuditLog,
  type Authenticator,
  CompanyChatError,
  type Owner,
  type Principal,
  QuotaError,
  type RateLimiter,
} from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import { jsonErrorResponse } from '../errors/error-response.js';

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
}

/** `Retry-After` for a 429 from a quota or rate limit (RFC 9110 §10.2.3: whole seconds). */
export function retryAfterHeaders(error: unknown): Record<string, string> | undefined {
  return error instanceof QuotaError ? { 'retry-after': String(error.retryAfterSeconds) } : undefined;
}

/**
 * Replaces `devIdentity()`: resolves the request's credentials (JWT, widget token, API key, access
 * token; the dev header only when the authenticator's dev mode is on) to a principal, then counts the
 * request against the principal's rate limit. Limit keys come from the principal only, never from
 * `X-Forwarded-For` or other headers. 401/403 go to the app's error handler; a 429 is answered here
 * with `Retry-After`.
 */
export function authenticateRequest(options: AuthenticateRequestOptions): MiddlewareHandler<IdentityEnv> {
  return async (c, next) => {
    let principal: Principal | undefined;
    try {
      principal = await options.authenticator.authenticate(c.req.raw);
      c.set('principal', principal);
      c.set('owner', { tenantId: principal.tenantId, userId: principal.userId });
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
