import { CompanyChatError } from '../errors/company-chat-error.js';
import type { Account, AccountStore } from './account-store.js';
import { forbidden, unauthenticated } from './auth-errors.js';
import { principalFromClaims } from './claim-mapping.js';
import { secretBytes, signInternalToken, verifyInternalToken } from './internal-token.js';
import {
  DEFAULT_PASSWORD_HASH_PARAMS,
  hashPassword,
  type PasswordHashParams,
  verifyPassword,
} from './password-hash.js';
import { normalizeRoles, type Principal, type Role } from './principal.js';
import { randomToken } from './random-token.js';
import { sha256Hex } from './sha256-hex.js';

/** `typ` and audience of access tokens for built-in accounts. */
export const ACCESS_TOKEN_KIND = 'company-chat-access';
const refreshPrefix = 'ccr_';
const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** Options of {@link createAccounts}. */
export interface AccountsOptions {
  store: AccountStore;
  /** Server secret for access tokens (≥ 32 bytes). Use a different one from the widget-token secret. */
  secret: string | Uint8Array;
  /** Access token lifetime in seconds. Default 900. */
  accessTokenTtlSec?: number;
  /** Session (refresh token family) lifetime in seconds. Default 30 days. */
  sessionTtlSec?: number;
  passwordHash?: PasswordHashParams;
  /** Shortest password accepted. Default 8 (NIST SP 800-63B). */
  minPasswordLength?: number;
}

/** What login and refresh return. The refresh token is opaque and single-use. */
export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  principal: Principal;
}

/** Built-in email + password accounts. */
export interface Accounts {
  register(input: {
    tenantId: string;
    email: string;
    password: string;
    roles?: Role[];
    tier?: string;
  }): Promise<Omit<Account, 'passwordHash'>>;
  login(input: { tenantId: string; email: string; password: string }): Promise<TokenPair>;
  /** Exchanges a refresh token for a new pair. Presenting an already-rotated token revokes its whole family. */
  refresh(refreshToken: string): Promise<TokenPair>;
  /** Ends the session the refresh token belongs to (idempotent). */
  logout(refreshToken: string): Promise<void>;
  /** Ends a session by id (e.g. from an access token's principal). */
  endSession(sessionId: string): Promise<void>;
  /** Suspends or reactivates; suspending also ends every session. */
  setStatus(tenantId: string, accountId: string, status: Account['status']): Promise<boolean>;
  /** Verifies an access token and that its session and account are still good. */
  verifyAccessToken(token: string): Promise<Principal>;
}

/**
 * Email + password accounts with short-lived access tokens and rotating refresh tokens (OAuth 2.0
 * Security BCP §4.14: a rotated refresh token presented again means it leaked, so the family dies).
 *
 * @example
 * ```ts
 * const accounts = createAccounts({ store: createMemoryAccountStore(), secret: process.env.AUTH_SECRET! });
 * const { accessToken, refreshToken } = await accounts.login({ tenantId: 'default', email, password });
 * ```
 */
export function createAccounts(options: AccountsOptions): Accounts {
  const { store } = options;
  const secret = secretBytes(options.secret);
  const accessTtl = options.accessTokenTtlSec ?? 900;
  const sessionTtl = options.sessionTtlSec ?? 30 * 24 * 3600;
  const params = options.passwordHash ?? DEFAULT_PASSWORD_HASH_PARAMS;
  const minLength = options.minPasswordLength ?? 8;
  // Verifying against a real hash when the email is unknown keeps login time the same either way,
  // so response timing does not reveal which emails have accounts.
  let dummyHash: Promise<string> | undefined;

  async function issue(account: Account, sessionId: string, sessionExpiresAt: Date): Promise<TokenPair> {
    const refreshToken = refreshPrefix + randomToken(43);
    const now = new Date();
    await store.insertRefreshToken({
      hash: await sha256Hex(refreshToken),
      sessionId,
      createdAt: now,
      expiresAt: sessionExpiresAt,
      rotatedAt: null,
    });
    const accessToken = await signInternalToken({
      secret,
      kind: ACCESS_TOKEN_KIND,
      subject: account.id,
      ttlSec: accessTtl,
      claims: { tid: account.tenantId, roles: account.roles, tier: account.tier, sid: sessionId },
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date(now.getTime() + accessTtl * 1000),
      refreshToken,
      refreshTokenExpiresAt: sessionExpiresAt,
      principal: toPrincipal(account, sessionId),
    };
  }

  return {
    async register(input) {
      const email = normalizeEmail(input.email);
      if (input.password.length < minLength) {
        throw new CompanyChatError({
          code: 'invalid_request',
          message: `Password must have at least ${minLength} characters.`,
        });
      }
      const account: Account = {
        id: crypto.randomUUID(),
        tenantId: input.tenantId,
        email,
        passwordHash: await hashPassword(input.password, params),
        roles: normalizeRoles(input.roles ?? ['user']),
        tier: input.tier ?? 'free',
        status: 'active',
        createdAt: new Date(),
      };
      await store.insertAccount(account);
      const { passwordHash: _hash, ...info } = account;
      return info;
    },
    async login(input) {
      const email = emailPattern.test(input.email.trim()) ? normalizeEmail(input.email) : '';
      const account = email ? await store.findAccountByEmail(input.tenantId, email) : null;
      if (!account) {
        dummyHash ??= hashPassword(randomToken(16), params);
        await verifyPassword(input.password, await dummyHash);
        throw unauthenticated('login: unknown email');
      }
      if (!(await verifyPassword(input.password, account.passwordHash))) throw unauthenticated('login: wrong password');
      if (account.status !== 'active') throw forbidden('This account is suspended.');
      const now = Date.now();
      const session = {
        id: crypto.randomUUID(),
        accountId: account.id,
        tenantId: account.tenantId,
        createdAt: new Date(now),
        expiresAt: new Date(now + sessionTtl * 1000),
        revokedAt: null,
      };
      await store.insertSession(session);
      return issue(account, session.id, session.expiresAt);
    },
    async refresh(refreshToken) {
      if (!refreshToken.startsWith(refreshPrefix)) throw unauthenticated('refresh token malformed');
      const hash = await sha256Hex(refreshToken);
      const record = await store.findRefreshToken(hash);
      if (!record) throw unauthenticated('refresh token unknown');
      const session = await store.getSession(record.sessionId);
      const now = new Date();
      if (!session || session.revokedAt !== null) throw unauthenticated('refresh token of an ended session');
      if (record.rotatedAt !== null || !(await store.markRefreshTokenRotated(hash, now))) {
        await store.revokeSession(session.id, now);
        throw unauthenticated(`refresh token reuse: session ${session.id} revoked`);
      }
      if (record.expiresAt <= now || session.expiresAt <= now) throw unauthenticated('refresh token expired');
      const account = await store.getAccount(session.tenantId, session.accountId);
      if (!account) throw unauthenticated('refresh token of a deleted account');
      if (account.status !== 'active') throw forbidden('This account is suspended.');
      return issue(account, session.id, session.expiresAt);
    },
    async logout(refreshToken) {
      const record = refreshToken.startsWith(refreshPrefix)
        ? await store.findRefreshToken(await sha256Hex(refreshToken))
        : null;
      if (record) await store.revokeSession(record.sessionId, new Date());
    },
    endSession: (sessionId) => store.revokeSession(sessionId, new Date()),
    async setStatus(tenantId, accountId, status) {
      const updated = await store.updateAccount(tenantId, accountId, { status });
      if (updated && status === 'suspended') await store.revokeAccountSessions(tenantId, accountId, new Date());
      return updated;
    },
    async verifyAccessToken(token) {
      const payload = await verifyInternalToken(secret, ACCESS_TOKEN_KIND, token);
      const claimed = principalFromClaims(payload, { tenantClaim: 'tid' }, 'session');
      const sessionId = typeof payload.sid === 'string' ? payload.sid : '';
      const [session, account] = await Promise.all([
        store.getSession(sessionId),
        store.getAccount(claimed.tenantId, claimed.userId),
      ]);
      // A suspended account hears so (403) even though suspending also ended its sessions.
      if (account && account.status !== 'active' && session?.accountId === claimed.userId) {
        throw forbidden('This account is suspended.');
      }
      if (!session || session.revokedAt !== null || session.accountId !== claimed.userId) {
        throw unauthenticated('access token of an ended session');
      }
      if (!account) throw unauthenticated('access token of a deleted account');
      // Roles and tier come from the store, so a demotion applies at once, not when the token expires.
      return toPrincipal(account, sessionId);
    },
  };
}

function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!emailPattern.test(normalized))
    throw new CompanyChatError({ code: 'invalid_request', message: 'Invalid email address.' });
  return normalized;
}

function toPrincipal(account: Account, sessionId: string): Principal {
  return {
    tenantId: account.tenantId,
    userId: account.id,
    roles: account.roles.length > 0 ? [...account.roles] : ['user'],
    tier: account.tier,
    via: 'session',
    sessionId,
  };
}
