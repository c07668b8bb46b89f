import type { SqlClient } from '../sql/sql-client.js';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.js';
import { API_KEY_SCOPES, type ApiKeyScope, normalizeRoles } from './principal.js';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  user_id: string | null;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string[];
  roles: string[];
  tier: string;
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

const date = (value: Date | string | null) => (value === null ? null : new Date(value));
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** An {@link ApiKeyStore} in the `api_keys` table (PGlite or PostgreSQL; needs migration `0003-identity`). */
export function createSqlApiKeyStore(client: SqlClient): ApiKeyStore {
  const columns =
    'id, tenant_id, user_id, name, prefix, key_hash, scopes, roles, tier, created_at, expires_at, revoked_at, last_used_at';
  return {
    async insert(record) {
      await client.query(
        `INSERT INTO api_keys (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          record.id,
          record.tenantId,
          record.userId,
          record.name,
          record.prefix,
          record.hash,
          record.scopes,
          record.roles,
          record.tier,
          record.createdAt,
          record.expiresAt,
          record.revokedAt,
          record.lastUsedAt,
        ],
      );
    },
    async findByPrefix(prefix) {
      const { rows } = await client.query<ApiKeyRow>(`SELECT ${columns} FROM api_keys WHERE prefix = $1`, [prefix]);
      return rows.map(toRecord);
    },
    async get(tenantId, id) {
      if (!isUuid(id)) return null;
      const { rows } = await client.query<ApiKeyRow>(
        `SELECT ${columns} FROM api_keys WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async list(tenantId, filter) {
      const { rows } = await client.query<ApiKeyRow>(
        `SELECT ${columns} FROM api_keys WHERE tenant_id = $1 AND ($2::text IS NULL OR user_id = $2) ORDER BY created_at, id`,
        [tenantId, filter?.userId ?? null],
      );
      return rows.map(toRecord);
    },
    async revoke(tenantId, id, at) {
      if (!isUuid(id)) return false;
      const { rowCount } = await client.query(
        'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE tenant_id = $1 AND id = $2',
        [tenantId, id, at],
      );
      return rowCount > 0;
    },
    async touch(id, at) {
      await client.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
    },
  };
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id ?? '',
    name: row.name,
    prefix: row.prefix,
    hash: row.key_hash,
    scopes: API_KEY_SCOPES.filter((scope: ApiKeyScope) => row.scopes.includes(scope)),
    roles: normalizeRoles(row.roles),
    tier: row.tier,
    createdAt: new Date(row.created_at),
    expiresAt: date(row.expires_at),
    revokedAt: date(row.revoked_at),
    lastUsedAt: date(row.last_used_at),
  };
}
