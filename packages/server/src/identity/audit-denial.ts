import { type AuditLog, CompanyChatError, type Principal, QuotaError } from '@company-chat/core';
import type { Context } from 'hono';

/**
 * Records a refused request of a known principal (403, 429); never fails the request. Refusals on the
 * admin API are `admin.denied`, rate and quota refusals `quota.denied`, other refusals `request.denied`.
 */
export async function auditDenial(
  c: Context,
  audit: AuditLog | undefined,
  principal: Principal,
  error: unknown,
): Promise<void> {
  if (!audit || !CompanyChatError.isInstance(error)) return;
  const path = new URL(c.req.url).pathname;
  const action =
    error instanceof QuotaError
      ? 'quota.denied'
      : path.startsWith('/api/v1/admin/')
        ? 'admin.denied'
        : 'request.denied';
  await audit
    .append({
      tenantId: principal.tenantId,
      actor: principal.keyId ? `key:${principal.keyId}` : principal.userId,
      action,
      target: `${c.req.method} ${path}`,
      outcome: 'denied',
      userAgent: c.req.header('user-agent'),
      details: {
        code: error.code,
        ...(error instanceof QuotaError ? { limit: error.limit, scope: error.scope } : {}),
      },
    })
    .catch(() => {});
}
