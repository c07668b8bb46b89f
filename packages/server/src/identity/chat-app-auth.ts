import {
  type AccountStore,
  type Accounts,
  type ApiKeys,
  type AuditLog,
  type AuthenticatorOptions,
  createAuthenticator,
  createMemoryLoginThrottle,
  type JwtVerifierOptions,
  type LoginThrottle,
  type Principal,
  type RateLimiter,
  type UserDirectory,
} from '@company-chat/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { accountRoutes } from './account-routes.js';
import { authenticateRequest } from './authenticate-request.js';
import { type ClientAddressOf, clientAddress } from './client-address.js';
import { throttledResponse } from './throttled-response.js';
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
  /**
   * Sign-in back-off per account and client address, and the per-address limits below. Default: in this
   * process's memory (`createMemoryLoginThrottle()`); with several instances pass
   * `createRedisLoginThrottle()` so they share it.
   */
  loginThrottle?: LoginThrottle;
  /**
   * How many proxies of yours stand in front of the server, each appending to `X-Forwarded-For`. Default
   * 0: the client's address is the connection's, and `X-Forwarded-For` is ignored (anyone can send it).
   */
  trustProxy?: number;
  /** Requests per client address and minute to `/auth/login`, `/auth/refresh` and `/auth/logout` together. Default 120; 0 turns it off. */
  authRequestsPerMinute?: number;
  /** Requests per client address and minute to `POST /widget-tokens`. Default 600; 0 turns it off. */
  widgetTokenRequestsPerMinute?: number;
}

/** Default of {@link ChatAppAuthOptions.authRequestsPerMinute}. */
export const DEFAULT_AUTH_REQUESTS_PER_MINUTE = 120;
/** Default of {@link ChatAppAuthOptions.widgetTokenRequestsPerMinute}. */
export const DEFAULT_WIDGET_TOKEN_REQUESTS_PER_MINUTE = 600;

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
    /** Per-address request ceiling per minute (0 or absent: none). */
    addressRequestsPerMinute?: number;
    /** The client address of a request. Default: the connection's, or `X-Forwarded-For` per `auth.trustProxy`. */
    clientAddress?: ClientAddressOf;
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
  const throttle = auth.loginThrottle ?? createMemoryLoginThrottle();
  // Read once per request, by the first middleware: body-limit middleware later replaces `c.req.raw`,
  // and with it the `cf` object that carries the address on Workers.
  const addresses = new WeakMap<Context, string | undefined>();
  const addressOf: ClientAddressOf = options.clientAddress ?? ((c) => clientAddress(c, auth.trustProxy ?? 0));
  const address = (c: Context) => {
    if (!addresses.has(c)) addresses.set(c, addressOf(c));
    return addresses.get(c);
  };
  if (auth.accounts) {
    publicRoutes.route(
      '/',
      accountRoutes({
        accounts: auth.accounts,
        ...(auth.audit ? { audit: auth.audit } : {}),
        ...(auth.defaultTenantId ? { defaultTenantId: auth.defaultTenantId } : {}),
        throttle,
        address,
        requestsPerMinute: auth.authRequestsPerMinute ?? DEFAULT_AUTH_REQUESTS_PER_MINUTE,
      }),
    );
  }
  const widgetTokensPerMinute = auth.widgetTokenRequestsPerMinute ?? DEFAULT_WIDGET_TOKEN_REQUESTS_PER_MINUTE;
  if (auth.widgetTokens && widgetTokensPerMinute > 0) {
    // Registered here, before the identity middleware, so key guessing is limited before any key is checked.
    publicRoutes.use('/widget-tokens', async (c, next) => {
      const from = address(c);
      if (from === undefined) return next();
      const verdict = await throttle.hitAddress('widget-tokens', from, widgetTokensPerMinute);
      return verdict.allowed ? next() : throttledResponse(verdict);
    });
  }
  const routes = new Hono<AppEnv>();
  if (auth.widgetTokens) routes.route('/', widgetTokenRoute({ secret: auth.widgetTokens.secret }) as never);
  const middleware = authenticateRequest({
    authenticator,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.addressRequestsPerMinute
      ? { addressCeiling: { perMinute: options.addressRequestsPerMinute, clientAddress: address } }
      : {}),
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
