import { type AuditQuery, CompanyChatError, type UsageGroupBy, type UsageLog } from '@company-chat/core';
import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { type AdminRoutesOptions, auditAdmin, dateParam } from './admin-context.js';
import { csvResponse, toCsv } from './to-csv.js';

const groupings: UsageGroupBy[] = ['user', 'model', 'day'];
const usageColumns = ['key', 'requests', 'inputTokens', 'outputTokens', 'totalTokens', 'cost'];
const recordColumns = [
  'at',
  'userId',
  'apiKeyId',
  'model',
  'provider',
  'providerModel',
  'inputTokens',
  'outputTokens',
  'totalTokens',
  'cost',
  'estimated',
  'latencyMs',
  'timeToFirstTokenMs',
  'status',
  'conversationId',
  'messageId',
  'feedback',
  'feedbackComment',
];
const auditColumns = ['at', 'id', 'actor', 'action', 'target', 'outcome', 'ip', 'userAgent', 'details'];

/**
 * Reports, readable by admins and auditors: `/usage` (totals by user, model or day; `format=csv`),
 * `/usage/records` (each answer, with its user's rating) and `/audit` (filter by action, actor and time, paged newest first
 * with `before`; `format=csv` exports, which is itself audited).
 */
export function adminReportsRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const usage = (): UsageLog => {
    if (!options.usage) throw new CompanyChatError({ code: 'not_supported', message: 'Usage is not recorded.' });
    return options.usage;
  };
  const usageQuery = (c: { req: { query(name: string): string | undefined }; var: AppEnv['Variables'] }) => ({
    tenantId: c.var.principal.tenantId,
    ...(c.req.query('userId') ? { userId: c.req.query('userId') as string } : {}),
    ...(c.req.query('model') ? { model: c.req.query('model') as string } : {}),
    ...(dateParam(c.req.query('from'), 'from') ? { from: dateParam(c.req.query('from'), 'from') as Date } : {}),
    ...(dateParam(c.req.query('to'), 'to') ? { to: dateParam(c.req.query('to'), 'to') as Date } : {}),
  });

  app.get('/usage', async (c) => {
    const groupBy = (c.req.query('groupBy') ?? 'user') as UsageGroupBy;
    if (!groupings.includes(groupBy)) {
      throw new CompanyChatError({ code: 'invalid_request', message: 'groupBy must be user, model or day.' });
    }
    const rows = await usage().summarize({ ...usageQuery(c), groupBy });
    if (c.req.query('format') === 'csv') {
      await auditAdmin(c, options, { action: 'usage.export', details: { groupBy } });
      return csvResponse(`usage-by-${groupBy}.csv`, toCsv(usageColumns, rows as never));
    }
    return c.json({ groupBy, rows });
  });

  app.get('/usage/records', async (c) => {
    const listed = await usage().list({ ...usageQuery(c), limit: Number(c.req.query('limit') ?? 100) || 100 });
    // Each answer's rating, if its user gave one (thumbs up/down and a comment), read within the tenant.
    const ids = listed.flatMap((r) => (r.messageId ? [r.messageId] : []));
    const feedback = new Map(
      (await options.engine.conversations.listFeedback(c.var.principal.tenantId, ids)).map((f) => [
        f.messageId,
        { rating: f.rating, comment: f.comment, at: f.at },
      ]),
    );
    const records = listed.map((r) => ({ ...r, feedback: (r.messageId && feedback.get(r.messageId)) || null }));
    if (c.req.query('format') === 'csv') {
      await auditAdmin(c, options, { action: 'usage.export', details: { records: records.length } });
      const rows = records.map((r) => ({
        ...r,
        feedback: r.feedback?.rating ?? '',
        feedbackComment: r.feedback?.comment ?? '',
      }));
      return csvResponse('usage-records.csv', toCsv(recordColumns, rows as never));
    }
    return c.json({ records });
  });

  app.get('/audit', async (c) => {
    const audit = options.auth.audit;
    if (!audit) throw new CompanyChatError({ code: 'not_supported', message: 'No audit log is configured.' });
    const from = dateParam(c.req.query('from'), 'from');
    const to = dateParam(c.req.query('to'), 'to');
    const query: AuditQuery = {
      ...(c.req.query('action') ? { action: c.req.query('action') as string } : {}),
      ...(c.req.query('actor') ? { actor: c.req.query('actor') as string } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(c.req.query('before') ? { before: c.req.query('before') as string } : {}),
      limit: Number(c.req.query('limit') ?? 50) || 50,
    };
    const records = await audit.list(c.var.principal.tenantId, query);
    if (c.req.query('format') === 'csv') {
      await auditAdmin(c, options, { action: 'audit.export', details: { records: records.length } });
      const rows = records.map((r) => ({ ...r, details: JSON.stringify(r.details) }));
      return csvResponse('audit-log.csv', toCsv(auditColumns, rows));
    }
    return c.json({ records, nextBefore: records.length === query.limit ? records.at(-1)?.id : null });
  });
  return app;
}
