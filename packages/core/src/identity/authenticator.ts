import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Logger } from '../engine/logger.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { Accounts } from './accounts.js';
import { ACCESS_TOKEN_KIND } from './accounts.js';
import { type ApiKeys, isApiKey } from './api-keys.js';
import { AuthenticationError, forbidden, unauthenticated } from './auth-errors.js';
import { createJwtVerifier, type JwtVerifier, type JwtVerifierOptions } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import { verifyWidgetToken, WIDGET_TOKEN_KIND } from './widget-token.js';

/** Options of {@link createAuthenticator}: every source is optional; configure the ones you use. */
export interface AuthenticatorOptions {
  /** Identity providers whose JWTs are accepted (tried in order). */
  jwt?: JwtVerifierOptions | JwtVerifierOptions[];
  widgetTokens?: {
    secret: string | Uint8Array;
    /** Page origins allowed to use widget tokens, per tenant. Unset = any origin the token allows. */
    allowedOrigins?: (tenantId: string) => string[] | undefined | Promise<string[] | undefined>;
  };
  apiKeys?: ApiKeys;
  accounts?: Accounts;
  /**
   * Development only: trust the `X-User-Id` header (or the default user). Never enable it in
   * production: anyone could be anyone.
   */
  dev?: { enabled: boolean; tenantId?: string; defaultUserId?: string; tier?: string; roles?: Principal['roles'] };
  /**
   * Looks up whether a user is suspended (for principals from JWTs, widget tokens and API keys; built-in
   * accounts check their own store). A suspended user gets 403.
   */
  userStatus?: (principal: Principal) => Promise<'active' | 'suspended' | undefined>;
  logger?: Logger;
}

/** Resolves a request to the principal making it. */
export interface Authenticator {
  /** The principal, or throws `unauthenticated` (401) / `forbidden` (403). */
  authenticate(request: Request | Headers): Promise<Principal>;
}

const devUserPattern = /^[A-Za-z0-9._@:-]{1,128}$/;

/**
 * One authenticator for every way of proving identity. `Authorization: Bearer cc_live_…` and
 * `X-API-Key` carry API keys; other bearer tokens are routed by their (unverified) `typ`/`aud` to the
 * widget-token, access-token or identity-provider verifier, which then verifies everything itself, so a
 * token routed wrongly simply fails. A request presenting two credentials is refused rather than guessed.
 *
 * @example
 * ```ts
 * const auth = createAuthenticator({ apiKeys, widgetTokens: { secret: env.WIDGET_SECRET } });
 * const principal = await auth.authenticate(request); // throws 401/403
 * ```
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const jwtConfigs = options.jwt === undefined ? [] : Array.isArray(options.jwt) ? options.jwt : [options.jwt];
  const jwtVerifiers: JwtVerifier[] = jwtConfigs.map((config) => createJwtVerifier(config));

  async function resolve(headers: Headers): Promise<Principal> {
    const authorization = headers.get('authorization');
    const apiKeyHeader = headers.get('x-api-key');
    if (authorization !== null && apiKeyHeader !== null) throw unauthenticated('two credentials presented');
    if (apiKeyHeader !== null) return viaApiKey(apiKeyHeader.trim());
    if (authorization === null) {
      if (options.dev?.enabled) return viaDev(headers);
      throw unauthenticated('no credentials');
    }
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw unauthenticated('authorization header is not a bearer token');
    const token = match[1];
    if (isApiKey(token)) return viaApiKey(token);
    const kind = tokenKind(token);
    if (kind === WIDGET_TOKEN_KIND) {
      return viaWidgetToken(token, headers.get('origin'), headers.get('sec-fetch-site') === 'same-origin');
    }
    if (kind === ACCESS_TOKEN_KIND) {
      if (!options.accounts) throw unauthenticated('built-in accounts are not enabled');
      return options.accounts.verifyAccessToken(token);
    }
    return viaJwt(token);
  }

  function viaApiKey(key: string): Promise<Principal> {
    if (!options.apiKeys) throw unauthenticated('api keys are not enabled');
    return options.apiKeys.verify(key);
  }

  async function viaWidgetToken(token: string, origin: string | null, sameOrigin: boolean): Promise<Principal> {
    if (!options.widgetTokens) throw unauthenticated('widget tokens are not enabled');
    const principal = await verifyWidgetToken(token, { secret: options.widgetTokens.secret, origin, sameOrigin });
    const allowed = await options.widgetTokens.allowedOrigins?.(principal.tenantId);
    if (allowed !== undefined && (origin === null || !allowed.includes(origin))) {
      throw unauthenticated(`widget token from origin ${origin ?? '(none)'} not allowed for tenant`);
    }
    return principal;
  }

  async function viaJwt(token: string): Promise<Principal> {
    if (jwtVerifiers.length === 0) throw unauthenticated('no identity provider configured for JWTs');
    let last: unknown;
    for (const verify of jwtVerifiers) {
      try {
        return await verify(token);
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  function viaDev(headers: Headers): Principal {
    const header = headers.get('x-user-id');
    if (header !== null && !devUserPattern.test(header)) {
      // Bad input, not bad credentials: the dev header is never verified anyway.
      throw new CompanyChatError({
        code: 'invalid_request',
        message: 'X-User-Id must be 1-128 characters of letters, digits and . _ @ : -',
      });
    }
    return {
      tenantId: options.dev?.tenantId ?? 'default',
      userId: header ?? options.dev?.defaultUserId ?? 'dev-user',
      roles: [...(options.dev?.roles ?? ['user'])],
      tier: options.dev?.tier ?? 'free',
      via: 'dev',
    };
  }

  return {
    async authenticate(request) {
      const headers = request instanceof Headers ? request : request.headers;
      try {
        const principal = await resolve(headers);
        // Built-in accounts already checked their own status.
        if (
          principal.via !== 'session' &&
          options.userStatus &&
          (await options.userStatus(principal)) === 'suspended'
        ) {
          throw forbidden('This account is suspended.');
        }
        return principal;
      } catch (error) {
        if (error instanceof AuthenticationError)
          options.logger?.info('authentication failed', { reason: error.reason });
        throw error;
      }
    },
  };
}

/** The `typ` header or audience of a JWT, read without verifying, only to pick the verifier. */
function tokenKind(token: string): string | undefined {
  try {
    const typ = decodeProtectedHeader(token).typ;
    if (typ === WIDGET_TOKEN_KIND || typ === ACCESS_TOKEN_KIND) return typ;
    const aud = decodeJwt(token).aud;
    const audiences = Array.isArray(aud) ? aud : [aud];
    return audiences.find((value) => value === WIDGET_TOKEN_KIND || value === ACCESS_TOKEN_KIND);
  } catch {
    throw unauthenticated('bearer token is not a JWT');
  }
}
