import type { SqlClient } from '../sql/sql-client.js';
import { normalizeRoles, type Role } from './principal.js';
import type { UserDirectory, UserRecord } from './user-directory.js';

interface UserRow {
  tenant_id: string;
  id: string;
  email: string | null;
  display_name: string | null;
  roles: string[];
  tier: string;
  status: UserRecord['status'];
  has_password: boolean;
  created_at: Date | string;
}

const columns =
  'tenant_id, id, email, display_name, roles, tier, status, (password_hash IS NOT NULL) AS has_password, created_at';
// `users.role` from migration 0001 holds the single most privileged role, for older readers.
const primaryRole = (roles: Role[]) =>
  roles.includes('admin') ? 'admin' : roles.includes('auditor') ? 'auditor' : 'user';

/**
 * A {@link UserDirectory} over the `users` table (migrations 0001 + 0003): the same rows built-in
 * accounts live in, so suspending or re-tiering a user applies to their account too.
 */
export function createSqlUserDirectory(client: SqlClient): UserDirectory {
  async function get(tenantId: string, id: string): Promise<UserRecord | null> {
    const { rows } = await client.query<UserRow>(`SELECT ${columns} FROM users WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
    return rows[0] ? toUser(rows[0]) : null;
  }
  return {
    get,
    async list(tenantId, query = {}) {
      const params: unknown[] = [tenantId];
      const where = ['tenant_id = $1'];
      if (query.status !== undefined) {
        params.push(query.status);
        where.push(`status = $${params.length}`);
      }
      if (query.search) {
        // LIKE metacharacters in the search are matched literally.
        params.push(`%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        const p = `$${params.length}`;
        where.push(
          `(lower(id) LIKE ${p} OR lower(coalesce(email, '')) LIKE ${p} OR lower(coalesce(display_name, '')) LIKE ${p})`,
        );
      }
      const count = await client.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM users WHERE ${where.join(' AND ')}`,
        params,
      );
      params.push(Math.min(Math.max(query.limit ?? 50, 1), 500), Math.max(query.offset ?? 0, 0));
      const { rows } = await client.query<UserRow>(
        `SELECT ${columns} FROM users WHERE ${where.join(' AND ')} ORDER BY created_at, id
         LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return { users: rows.map(toUser), total: Number(count.rows[0]?.n ?? 0) };
    },
    async ensure(input) {
      const roles = normalizeRoles(input.roles ?? ['user']);
      await client.query(
        `INSERT INTO users (tenant_id, id, email, display_name, role, roles, tier, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, id) DO NOTHING`,
        [
          input.tenantId,
          input.id,
          input.email ?? null,
          input.displayName ?? null,
          primaryRole(roles),
          roles,
          input.tier ?? 'free',
          input.status ?? 'active',
          input.createdAt ?? new Date(),
        ],
      );
      const user = await get(input.tenantId, input.id);
      if (!user) throw new Error('user vanished right after insert');
      return user;
    },
    async update(tenantId, id, patch) {
      const sets: string[] = [];
      const params: unknown[] = [tenantId, id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (patch.roles !== undefined) {
        const roles = normalizeRoles(patch.roles);
        set('roles', roles);
        set('role', primaryRole(roles));
      }
      if (patch.tier !== undefined) set('tier', patch.tier);
      if (patch.status !== undefined) set('status', patch.status);
      if (patch.displayName !== undefined) set('display_name', patch.displayName);
      if (sets.length > 0) {
        await client.query(`UPDATE users SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
      }
      return get(tenantId, id);
    },
    async delete(tenantId, id) {
      const { rowCount } = await client.query('DELETE FROM users WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      return rowCount > 0;
    },
  };
}

function toUser(row: UserRow): UserRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: normalizeRoles(row.roles),
    tier: row.tier,
    status: row.status,
    hasPassword: row.has_password,
    createdAt: new Date(row.created_at),
  };
}
