import type { AuditLog, AuditRecord } from './audit-log.js';
import { sanitizeAuditEvent } from './sanitize-audit-event.js';

/** An {@link AuditLog} in memory: for tests and development (it is lost on restart). */
export function createMemoryAuditLog(options: { now?: () => Date } = {}): AuditLog {
  const now = options.now ?? (() => new Date());
  const records: AuditRecord[] = [];
  return {
    async append(event) {
      const record: AuditRecord = { id: crypto.randomUUID(), at: now(), ...sanitizeAuditEvent(event) };
      records.push(record);
      return structuredClone(record);
    },
    async list(tenantId, query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      let end = records.length;
      if (query.before !== undefined) {
        const index = records.findIndex((record) => record.id === query.before);
        end = index === -1 ? 0 : index;
      }
      const out: AuditRecord[] = [];
      for (let i = end - 1; i >= 0 && out.length < limit; i--) {
        const record = records[i]!;
        if (record.tenantId !== tenantId) continue;
        if (query.action !== undefined && record.action !== query.action) continue;
        if (query.actor !== undefined && record.actor !== query.actor) continue;
        if (query.from !== undefined && record.at < query.from) continue;
        if (query.to !== undefined && record.at >= query.to) continue;
        out.push(structuredClone(record));
      }
      return out;
    },
  };
}
