import { MICROS_PER_DOLLAR } from '../quotas/quota-ledger.js';
import { type UsageLog, type UsageQuery, type UsageRecord, type UsageSummaryRow, usageGroupKey } from './usage-log.js';

/** A {@link UsageLog} in memory: for tests and single-process development. */
export function createMemoryUsageLog(options: { now?: () => Date } = {}): UsageLog {
  const now = options.now ?? (() => new Date());
  const records: UsageRecord[] = [];
  const matches = (r: UsageRecord, q: UsageQuery) =>
    (q.tenantId === undefined || r.tenantId === q.tenantId) &&
    (q.userId === undefined || r.userId === q.userId) &&
    (q.model === undefined || r.model === q.model) &&
    (q.from === undefined || r.at >= q.from) &&
    (q.to === undefined || r.at < q.to);
  return {
    async record(input) {
      const record: UsageRecord = { ...input, id: crypto.randomUUID(), at: input.at ?? now() };
      records.push(record);
      return { ...record };
    },
    async list(query) {
      const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
      return records
        .filter((r) => matches(r, query))
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit)
        .map((r) => ({ ...r }));
    },
    async summarize(query) {
      const groups = new Map<string, UsageSummaryRow & { micros: number }>();
      for (const r of records) {
        if (!matches(r, query)) continue;
        const key = usageGroupKey(r, query.groupBy);
        const row = groups.get(key) ?? {
          key,
          requests: 0,
          inputTokens: 0,
          outputTokens: 0,
          totalTokens: 0,
          cost: 0,
          micros: 0,
        };
        row.requests += 1;
        row.inputTokens += r.inputTokens;
        row.outputTokens += r.outputTokens;
        row.totalTokens += r.totalTokens;
        // Summed in whole micro-dollars, as the SQL log stores them, so both backends agree exactly.
        row.micros += Math.round(r.cost * MICROS_PER_DOLLAR);
        groups.set(key, row);
      }
      return [...groups.values()]
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(({ micros, ...row }) => ({ ...row, cost: micros / MICROS_PER_DOLLAR }));
    },
  };
}
