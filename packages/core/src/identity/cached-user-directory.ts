import type { UserDirectory, UserRecord } from './user-directory.js';

/** Options of {@link cacheUserDirectory}. */
export interface CachedUserDirectoryOptions {
  /** How long a read user is reused. Default 2 s: the longest another instance sees stale roles. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Caches {@link UserDirectory.get} briefly, because every request reads its user (suspension, tier, an
 * API key's current roles). Every change made through this directory drops the cached entry at once, so
 * on this instance a demotion or suspension applies to the very next request; other instances see it
 * within `ttlMs`.
 *
 * @example
 * ```ts
 * const users = cacheUserDirectory(createSqlUserDirectory(sql), { ttlMs: 2000 });
 * ```
 */
export function cacheUserDirectory(directory: UserDirectory, options: CachedUserDirectoryOptions = {}): UserDirectory {
  const ttlMs = options.ttlMs ?? 2000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { until: number; read: Promise<UserRecord | null> }>();
  const keyOf = (tenantId: string, id: string) => JSON.stringify([tenantId, id]);
  const copy = (user: UserRecord | null) => (user ? { ...user, roles: [...user.roles] } : null);
  const forget = (tenantId: string, id: string) => void entries.delete(keyOf(tenantId, id));
  return {
    async get(tenantId, id) {
      const key = keyOf(tenantId, id);
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.until > at) return copy(await hit.read);
      if (entries.size > 10_000) for (const [k, e] of entries) if (e.until <= at) entries.delete(k);
      const read = directory.get(tenantId, id);
      const entry = { until: at + ttlMs, read };
      entries.set(key, entry);
      try {
        return copy(await read);
      } catch (error) {
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      }
    },
    list: (tenantId, query) => directory.list(tenantId, query),
    async ensure(user) {
      forget(user.tenantId, user.id);
      return directory.ensure(user);
    },
    // Forgotten before and after: a read racing the write must not keep the old record cached.
    async update(tenantId, id, patch) {
      forget(tenantId, id);
      try {
        return await directory.update(tenantId, id, patch);
      } finally {
        forget(tenantId, id);
      }
    },
    async delete(tenantId, id) {
      forget(tenantId, id);
      try {
        return await directory.delete(tenantId, id);
      } finally {
        forget(tenantId, id);
      }
    },
  };
}
