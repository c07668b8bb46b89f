import { normalizeRoles } from './principal.js';
import type { ListUsersQuery, UserDirectory, UserRecord } from './user-directory.js';

/** A {@link UserDirectory} in memory: for tests and single-process development. */
export function createMemoryUserDirectory(): UserDirectory {
  const users = new Map<string, UserRecord>();
  const keyOf = (tenantId: string, id: string) => JSON.stringify([tenantId, id]);
  const copy = (user: UserRecord): UserRecord => ({ ...user, roles: [...user.roles] });
  const matches = (user: UserRecord, query: ListUsersQuery) => {
    if (query.status !== undefined && user.status !== query.status) return false;
    if (!query.search) return true;
    const needle = query.search.toLowerCase();
    return [user.id, user.email, user.displayName].some((v) => v?.toLowerCase().includes(needle));
  };
  return {
    async get(tenantId, id) {
      const user = users.get(keyOf(tenantId, id));
      return user ? copy(user) : null;
    },
    async list(tenantId, query = {}) {
      const all = [...users.values()]
        .filter((u) => u.tenantId === tenantId && matches(u, query))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const offset = Math.max(query.offset ?? 0, 0);
      return { users: all.slice(offset, offset + limit).map(copy), total: all.length };
    },
    async ensure(input) {
      const key = keyOf(input.tenantId, input.id);
      const existing = users.get(key);
      if (existing) return copy(existing);
      const user: UserRecord = {
        tenantId: input.tenantId,
        id: input.id,
        email: input.email ?? null,
        displayName: input.displayName ?? null,
        roles: normalizeRoles(input.roles ?? ['user']),
        tier: input.tier ?? 'free',
        status: input.status ?? 'active',
        hasPassword: input.hasPassword ?? false,
        createdAt: input.createdAt ?? new Date(),
      };
      users.set(key, user);
      return copy(user);
    },
    async update(tenantId, id, patch) {
      const user = users.get(keyOf(tenantId, id));
      if (!user) return null;
      Object.assign(user, patch, patch.roles ? { roles: normalizeRoles(patch.roles) } : {});
      return copy(user);
    },
    async delete(tenantId, id) {
      return users.delete(keyOf(tenantId, id));
    },
  };
}
