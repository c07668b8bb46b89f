import type { SqlClient } from '../sql/sql-client.js';
import type { AuditLog, AuditOutcome, AuditRecord } from './audit-log.js';
import { sanitizeAuditEvent } from './sanitize-audit-event.js';

interface AuditRow {
  id: string;
  tenant_id: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: { outcome?: AuditOutcome; userAgent?: string; details?: Record<string, unknown> } | string;
  ip: string | null;
  created_at: Date | string;
}

/**
 * An {@link AuditLog} in the `audit_log` table (PGlite or PostgreSQL, migration 0001). Only ever
 * inserts and selects: the log is append-only. `target` `type:id` is split into `target_type` and
 * `target_id`; outcome, user agent and details live in `data`.
 */
export function createSqlAuditLog(client: SqlClient, options: { now?: () => Date } = {}): AuditLog {
  const now = options.now ?? (() => new Date());
  return {
    async append(event) {
      const clean = sanitizeAuditEvent(event);
      const id = crypto.randomUUID();
      const at = now();
      const split = clean.target?.indexOf(':') ?? -1;
      const targetType = clean.target !== undefined && split > 0 ? clean.target.slice(0, split) : null;
      const targetId = clean.target === undefined ? null : split > 0 ? clean.target.slice(split + 1) : clean.target;
      const data = {
        outcome: clean.outcome,
        ...(clean.userAgent === undefined ? {} : { userAgent: clean.userAgent }),
        details: clean.details,
      };
      await client.query(
        `INSERT INTO audit_log (id, tenant_id, actor_id, action, target_type, target_id, data, ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          clean.tenantId,
          clean.actor,
          clean.action,
          targetType,
          targetId,
          JSON.stringify(data),
          clean.ip ?? null,
          at,
        ],
      );
      return { id, at, ...clean };
    },

    async list(tenantId, query = {}) {
      const params: unknown[] = [tenantId];
      const where = ['tenant_id = $1'];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (query.action !== undefined) add('action = ?', query.action);
      if (query.actor !== undefined) add('actor_id = ?', query.actor);
      if (query.from !== undefined) add('created_at >= ?', query.from);
      if (query.to !== undefined) add('created_at < ?', query.to);
      if (query.before !== undefined) {
        add(
          '(created_at, id) < (SELECT created_at, id FROM audit_log WHERE tenant_id = $1 AND id::text = ?)',
          query.before,
        );
      }
      params.push(Math.min(Math.max(query.limit ?? 50, 1), 500));
      const { rows } = await client.query<AuditRow>(
        `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toRecord);
    },
  };
}

function toRecord(row: AuditRow): AuditRecord {
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  const target =
    row.target_id === null
      ? undefined
      : row.target_type === null
        ? row.target_id
        : `${row.target_type}:${row.target_id}`;
  return {
    id: row.id,
    at: new Date(row.created_at),
    tenantId: row.tenant_id,
    actor: row.actor_id ?? '',
    action: row.action,
    ...(target === undefined ? {} : { target }),
    outcome: data.outcome ?? 'success',
    ...(row.ip === null ? {} : { ip: row.ip }),
    ...(data.userAgent === undefined ? {} : { userAgent: data.userAgent }),
    details: data.details ?? {},
  };
}
