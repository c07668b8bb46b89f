import { CompanyChatError } from '../errors/company-chat-error.js';
import type { Account, AccountStore, RefreshTokenRecord, Session } from './account-store.js';

/** An {@link AccountStore} in memory: for tests and single-process development. */
export function createMemoryAccountStore(): AccountStore {
  const accounts = new Map<string, Account>();
  const sessions = new Map<string, Session>();
  const tokens = new Map<string, RefreshTokenRecord>();
  const find = (tenantId: string, id: string) => {
    const account = accounts.get(id);
    return account && account.tenantId === tenantId ? account : undefined;
  };
  return {
    async insertAccount(account) {
      for (const other of accounts.values()) {
        if (other.tenantId === account.tenantId && other.email === account.email) {
          throw new CompanyChatError({
            code: 'invalid_request',
            message: 'An account with this email already exists.',
          });
        }
      }
      accounts.set(account.id, { ...account, roles: [...account.roles] });
    },
    async findAccountByEmail(tenantId, email) {
      for (const account of accounts.values()) {
        if (account.tenantId === tenantId && account.email === email) return { ...account, roles: [...account.roles] };
      }
      return null;
    },
    async getAccount(tenantId, id) {
      const account = find(tenantId, id);
      return account ? { ...account, roles: [...account.roles] } : null;
    },
    async updateAccount(tenantId, id, patch) {
      const account = find(tenantId, id);
      if (!account) return false;
      Object.assign(account, patch);
      return true;
    },
    async insertSession(session) {
      sessions.set(session.id, { ...session });
    },
    async getSession(id) {
      const session = sessions.get(id);
      return session ? { ...session } : null;
    },
    async revokeSession(id, at) {
      const session = sessions.get(id);
      if (session) session.revokedAt ??= at;
    },
    async revokeAccountSessions(tenantId, accountId, at) {
      for (const session of sessions.values()) {
        if (session.tenantId === tenantId && session.accountId === accountId) session.revokedAt ??= at;
      }
    },
    async insertRefreshToken(token) {
      tokens.set(token.hash, { ...token });
    },
    async findRefreshToken(hash) {
      const token = tokens.get(hash);
      return token ? { ...token } : null;
    },
    async markRefreshTokenRotated(hash, at) {
      const token = tokens.get(hash);
      if (!token || token.rotatedAt !== null) return false;
      token.rotatedAt = at;
      return true;
    },
  };
}
