import { CompanyChatError } from '../errors/company-chat-error.js';
import type { SqlClient } from '../sql/sql-client.js';
import type { Account, AccountStore, RefreshTokenRecord, Session } from './account-store.js';
import { normalizeRoles, type Role } from './principal.js';

interface AccountRow {
  tenant_id: string;
  id: string;
  email: string;
  password_hash: string;
  roles: string[];
  tier: string;
  status: Account['status'];
  created_at: Date | string;
}
interface SessionRow {
  id: string;
  tenant_id: string;
  account_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}
interface TokenRow {
  token_hash: string;
  session_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  rotated_at: Date | string | null;
}

const accountColumns = 'tenant_id, id, email, password_hash, roles, tier, status, created_at';
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
// `users.role` from migration 0001 holds the single most privileged role, for older readers.
const primaryRole = (roles: Role[]) =>
  roles.includes('admin') ? 'admin' : roles.includes('auditor') ? 'auditor' : 'user';

/**
 * An {@link AccountStore} over `users`, `auth_sessions` and `refresh_tokens` (PGlite or PostgreSQL;
 * needs migration `0003-identity`). Rotation is one conditional UPDATE, so exactly one of any number
 * of concurrent refreshes wins, also across server instances.
 */
export function createSqlAccountStore(client: SqlClient): AccountStore {
  const store: AccountStore = {
    async insertAccount(account) {
      try {
        await client.query(`INSERT INTO users (${accountColumns}, role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
          account.tenantId,
          account.id,
          account.email,
          account.passwordHash,
          account.roles,
          account.tier,
          account.status,
          account.createdAt,
          primaryRole(account.roles),
        ]);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new CompanyChatError({
            code: 'invalid_request',
            message: 'An account with this email already exists.',
          });
        }
        throw error;
      }
    },
    async findAccountByEmail(tenantId, email) {
      const { rows } = await client.query<AccountRow>(
        `SELECT ${accountColumns} FROM users WHERE tenant_id = $1 AND email = $2 AND password_hash IS NOT NULL`,
        [tenantId, email],
      );
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async getAccount(tenantId, id) {
      const { rows } = await client.query<AccountRow>(
        `SELECT ${accountColumns} FROM users WHERE tenant_id = $1 AND id = $2 AND password_hash IS NOT NULL`,
        [tenantId, id],
      );
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async updateAccount(tenantId, id, patch) {
      const sets: string[] = [];
      const params: unknown[] = [tenantId, id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (patch.passwordHash !== undefined) set('password_hash', patch.passwordHash);
      if (patch.roles !== undefined) {
        set('roles', patch.roles);
        set('role', primaryRole(patch.roles));
      }
      if (patch.tier !== undefined) set('tier', patch.tier);
      if (patch.status !== undefined) set('status', patch.status);
      if (sets.length === 0) return (await store.getAccount(tenantId, id)) !== null;
      const { rowCount } = await client.query(
        `UPDATE users SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 AND password_hash IS NOT NULL`,
        params,
      );
      return rowCount > 0;
    },
    async insertSession(session) {
      await client.query(
        'INSERT INTO auth_sessions (id, tenant_id, account_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [session.id, session.tenantId, session.accountId, session.createdAt, session.expiresAt, session.revokedAt],
      );
    },
    async getSession(id) {
      if (!isUuid(id)) return null;
      const { rows } = await client.query<SessionRow>('SELECT * FROM auth_sessions WHERE id = $1', [id]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async revokeSession(id, at) {
      if (!isUuid(id)) return;
      await client.query('UPDATE auth_sessions SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1', [id, at]);
    },
    async revokeAccountSessions(tenantId, accountId, at) {
      await client.query(
        'UPDATE auth_sessions SET revoked_at = COALESCE(revoked_at, $3) WHERE tenant_id = $1 AND account_id = $2',
        [tenantId, accountId, at],
      );
    },
    async insertRefreshToken(token) {
      await client.query(
        'INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at, rotated_at) VALUES ($1, $2, $3, $4, $5)',
        [token.hash, token.sessionId, token.createdAt, token.expiresAt, token.rotatedAt],
      );
    },
    async findRefreshToken(hash) {
      const { rows } = await client.query<TokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = $1', [hash]);
      return rows[0] ? toToken(rows[0]) : null;
    },
    async markRefreshTokenRotated(hash, at) {
      const { rowCount } = await client.query(
        'UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1 AND rotated_at IS NULL',
        [hash, at],
      );
      return rowCount === 1;
    },
  };
  return store;
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    passwordHash: row.password_hash,
    roles: normalizeRoles(row.roles),
    tier: row.tier,
    status: row.status,
    createdAt: new Date(row.created_at),
  };
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    tenantId: row.tenant_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

function toToken(row: TokenRow): RefreshTokenRecord {
  return {
    hash: row.token_hash,
    sessionId: row.session_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    rotatedAt: row.rotated_at === null ? null : new Date(row.rotated_at),
  };
}
