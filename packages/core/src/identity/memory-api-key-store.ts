import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.js';

/** An {@link ApiKeyStore} in memory: for tests and single-process development. */
export function createMemoryApiKeyStore(): ApiKeyStore {
  const keys = new Map<string, ApiKeyRecord>();
  const copy = (record: ApiKeyRecord): ApiKeyRecord => ({
    ...record,
    scopes: [...record.scopes],
    roles: [...record.roles],
  });
  return {
    async insert(record) {
      if (keys.has(record.id)) throw new Error(`API key ${record.id} already exists`);
      keys.set(record.id, copy(record));
    },
    async findByPrefix(prefix) {
      return [...keys.values()].filter((key) => key.prefix === prefix).map(copy);
    },
    async get(tenantId, id) {
      const record = keys.get(id);
      return record && record.tenantId === tenantId ? copy(record) : null;
    },
    async list(tenantId, filter) {
      return [...keys.values()]
        .filter((key) => key.tenantId === tenantId && (filter?.userId === undefined || key.userId === filter.userId))
        .map(copy);
    },
    async revoke(tenantId, id, at) {
      const record = keys.get(id);
      if (!record || record.tenantId !== tenantId) return false;
      record.revokedAt ??= at;
      return true;
    },
    async touch(id, at) {
      const record = keys.get(id);
      if (record) record.lastUsedAt = at;
    },
  };
}
