import { unauthenticated } from './auth-errors.js';
import { principalFromClaims } from './claim-mapping.js';
import { secretBytes, signInternalToken, verifyInternalToken } from './internal-token.js';
import { normalizeRoles, type Principal, type Role } from './principal.js';

/** `typ` and audience of widget tokens. */
export const WIDGET_TOKEN_KIND = 'company-chat-widget';

/** Longest lifetime a widget token may have: it lives in a browser, so it must expire soon. */
export const MAX_WIDGET_TOKEN_TTL_SEC = 3600;

/** Input of {@link mintWidgetToken}. */
export interface MintWidgetTokenOptions {
  /** The widget-token secret shared by the host app's backend and the company-chat server (≥ 32 bytes). */
  secret: string | Uint8Array;
  user: { id: string; tenantId?: string; tier?: string; roles?: Role[] };
  /** Lifetime in seconds. Default 600, at most {@link MAX_WIDGET_TOKEN_TTL_SEC}. */
  ttl?: number;
  /**
   * The page origin the token is minted for (e.g. `https://intranet.example.com`): it is then only
   * accepted on requests whose `Origin` header is exactly this (or same-origin requests of the chat
   * server's own pages). Set it whenever you know the page; without it the token works from anywhere.
   */
  origin?: string;
}

/**
 * Mints a short-lived widget token for the host app's logged-in user. Call it on the host's server and
 * hand the token to `<company-chat>`; the secret and API keys never reach the browser.
 *
 * @example
 * ```ts
 * const token = await mintWidgetToken({ secret: process.env.WIDGET_SECRET!, user: { id: session.userId }, ttl: 600 });
 * ```
 */
export async function mintWidgetToken(options: MintWidgetTokenOptions): Promise<string> {
  const ttl = options.ttl ?? 600;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_WIDGET_TOKEN_TTL_SEC) {
    throw new RangeError(`widget token ttl must be 1-${MAX_WIDGET_TOKEN_TTL_SEC} seconds`);
  }
  const { user } = options;
  return signInternalToken({
    secret: secretBytes(options.secret),
    kind: WIDGET_TOKEN_KIND,
    subject: user.id,
    ttlSec: ttl,
    claims: {
      tid: user.tenantId ?? 'default',
      ...(user.tier === undefined ? {} : { tier: user.tier }),
      roles: normalizeRoles(user.roles ?? ['user']),
      ...(options.origin === undefined ? {} : { origin: new URL(options.origin).origin }),
    },
  });
}

/** Options of {@link verifyWidgetToken}. */
export interface VerifyWidgetTokenOptions {
  secret: string | Uint8Array;
  /** The request's `Origin` header, checked against the token's `origin` claim when it has one. */
  origin?: string | null;
  /**
   * True when a browser marked the request same-origin (`Sec-Fetch-Site: same-origin`) and sent no
   * `Origin`, as browsers do for same-origin `GET`s: a page of the chat server itself, accepted.
   */
  sameOrigin?: boolean;
}

/** Verifies a widget token and returns its principal, or throws 401. */
export async function verifyWidgetToken(token: string, options: VerifyWidgetTokenOptions): Promise<Principal> {
  const payload = await verifyInternalToken(secretBytes(options.secret), WIDGET_TOKEN_KIND, token);
  if (typeof payload.origin === 'string' && payload.origin !== options.origin) {
    const sameOriginPage = (options.origin === undefined || options.origin === null) && options.sameOrigin === true;
    if (!sameOriginPage) {
      throw unauthenticated(
        `widget token for ${payload.origin} used ${options.origin ? `from ${options.origin}` : 'without an Origin header'}`,
      );
    }
  }
  return principalFromClaims(payload, { tenantClaim: 'tid', defaultTier: 'free' }, 'widget-token');
}
