import {
  type AccountStore,
  type Accounts,
  type ApiKeys,
  type AuditLog,
  type AuthenticatorOptions,
  createAuthenticator,
  createMemoryRateLimiter,
  type JwtVerifierOptions,
  type Principal,
  type RateLimiter,
  type UserDirectory,
} from '@company-chat/core';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { accountRoutes } from './account-routes.js';
import { type AuthenticateRequestOptions, authenticateRequest } from './authenticate-request.js';
import { widgetTokenRoute } from './widget-token-route.js';

/** Identity options of `createChatApp()`: configure the credentials you accept. */
export interface ChatAppAuthOptions {
  /** Identity providers whose JWTs are accepted (HMAC secret, or RSA/EC/EdDSA keys via JWKS or a public key). */
  jwt?: JwtVerifierOptions | JwtVerifierOptions[];
  /** Widget tokens minted by the host app's backend; also enables `POST /api/v1/widget-tokens`. */
  widgetTokens?: AuthenticatorOptions['widgetTokens'];
  /** API keys for programs (`createApiKeys()`). */
  apiKeys?: ApiKeys;
  /** Built-in accounts (`createAccounts()`): enables `/api/v1/auth/login|refresh|logout`. */
  accounts?: Accounts;
  /** The store behind `accounts`, so admins can change roles and tiers of accounts. */
  accountStore?: AccountStore;
  /** The users of each tenant: suspension, tiers, the admin API's user list. */
  users?: UserDirectory;
  /** The audit log: sign-ins, keys, admin actions, denials. */
  audit?: AuditLog;
  /** Tenant of logins that name none. Default `default`. */
  defaultTenantId?: string;
  /** Login attempts per email and minute (per instance) before `429`. Default 10. */
  loginAttemptsPerMinute?: number;
}

/** Counts login attempts per tenant and email (lowercased), whatever the client's address. */
function loginThrottle(perMinute: number) {
  const limiter = createMemoryRateLimiter({
    tiers: { login: { requestsPerMinute: perMinute } },
    fallbackTier: 'login',
  });
  return (tenantId: string, email: string) =>
    limiter.hit({ tenantId, userId: `login:${email.trim().toLowerCase()}`, roles: [], tier: 'login', via: 'session' });
}

/** What the app mounts for identity: public routes, the middleware, routes behind it. */
export interface IdentityWiring {
  publicRoutes: Hono;
  middleware: MiddlewareHandler<AppEnv>;
  routes: Hono<AppEnv>;
  /** False when a principal's key was revoked or the user suspended since the request began. */
  stillAllowed: (principal: Principal) => Promise<boolean>;
}

/**
 * Builds the identity part of the app from its options. The `X-User-Id` development header is accepted
 * only with `dev: true`; with neither dev mode nor any credential configured every API request is 401.
 */
export function wireIdentity(
  auth: ChatAppAuthOptions,
  options: {
    dev: boolean;
    rateLimiter?: RateLimiter | undefined;
    addressCeiling?: AuthenticateRequestOptions['addressCeiling'];
  },
): IdentityWiring {
  const authenticator = createAuthenticator({
    ...(auth.jwt ? { jwt: auth.jwt } : {}),
    ...(auth.widgetTokens ? { widgetTokens: auth.widgetTokens } : {}),
    ...(auth.apiKeys ? { apiKeys: auth.apiKeys } : {}),
    ...(auth.accounts ? { accounts: auth.accounts } : {}),
    dev: { enabled: options.dev },
  });
  const publicRoutes = new Hono();
  if (auth.accounts) {
    publicRoutes.route(
      '/',
      accountRoutes({
        accounts: auth.accounts,
        ...(auth.audit ? { audit: auth.audit } : {}),
        ...(auth.defaultTenantId ? { defaultTenantId: auth.defaultTenantId } : {}),
        throttleLogin: loginThrottle(auth.loginAttemptsPerMinute ?? 10),
      }),
    );
  }
  const routes = new Hono<AppEnv>();
  if (auth.widgetTokens) routes.route('/', widgetTokenRoute({ secret: auth.widgetTokens.secret }) as never);
  const middleware = authenticateRequest({
    authenticator,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.addressCeiling ? { addressCeiling: options.addressCeiling } : {}),
    ...(auth.audit ? { audit: auth.audit } : {}),
    ...(auth.users ? { users: auth.users } : {}),
  }) as unknown as MiddlewareHandler<AppEnv>;

  async function stillAllowed(principal: Principal): Promise<boolean> {
    if (principal.via === 'api-key' && auth.apiKeys && principal.keyId) {
      const key = (await auth.apiKeys.list(principal.tenantId, { userId: principal.userId })).find(
        (k) => k.id === principal.keyId,
      );
      if (!key || key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= new Date())) return false;
    }
    if (auth.users && principal.via !== 'dev') {
      const user = await auth.users.get(principal.tenantId, principal.userId);
      if (user?.status === 'suspended') return false;
    }
    return true;
  }
  return { publicRoutes, middleware, routes, stillAllowed };
}
