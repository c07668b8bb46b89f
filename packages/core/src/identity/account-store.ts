import type { Role } from './principal.js';

/** Whether an account may sign in. */
export type AccountStatus = 'active' | 'suspended';

/** A built-in account (standalone deployments without an identity provider). */
export interface Account {
  id: string;
  tenantId: string;
  /** Lowercased and trimmed; unique per tenant. */
  email: string;
  passwordHash: string;
  roles: Role[];
  tier: string;
  status: AccountStatus;
  createdAt: Date;
}

/** One sign-in: the family of refresh tokens that descend from one login. */
export interface Session {
  id: string;
  accountId: string;
  tenantId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A refresh token as stored: only its hash. */
export interface RefreshTokenRecord {
  hash: string;
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when it was exchanged for a new one; presenting it again is reuse. */
  rotatedAt: Date | null;
}

/** Where accounts, sessions and refresh tokens live. Implementations: memory (here), SQL (`sql/`). */
export interface AccountStore {
  /** Throws when the email is taken in the tenant. */
  insertAccount(account: Account): Promise<void>;
  findAccountByEmail(tenantId: string, email: string): Promise<Account | null>;
  getAccount(tenantId: string, id: string): Promise<Account | null>;
  updateAccount(
    tenantId: string,
    id: string,
    patch: Partial<Pick<Account, 'passwordHash' | 'roles' | 'tier' | 'status'>>,
  ): Promise<boolean>;
  insertSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | null>;
  /** Revokes the session and so every refresh token of its family. */
  revokeSession(id: string, at: Date): Promise<void>;
  /** Revokes every session of an account (password change, suspension). */
  revokeAccountSessions(tenantId: string, accountId: string, at: Date): Promise<void>;
  insertRefreshToken(token: RefreshTokenRecord): Promise<void>;
  findRefreshToken(hash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Marks the token rotated if it was not yet, atomically: true for exactly one of any number of
   * concurrent callers. The losers are treated as reuse.
   */
  markRefreshTokenRotated(hash: string, at: Date): Promise<boolean>;
}
