import { type AuditOutcome, CompanyChatError, type Principal, type UsageLog } from '@company-chat/core';
import type { Context } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { ChatAppAuthOptions } from '../identity/chat-app-auth.js';
import type { ChatAppQuotaOptions } from '../quotas/chat-app-quotas.js';
import type { ModelSwitch } from '../quotas/metered-engine.js';

/** What the admin routes manage. */
export interface AdminRoutesOptions {
  /** The unwrapped engine: deleting a user's data, listing models. */
  engine: ChatEnginePort;
  auth: ChatAppAuthOptions;
  quotas: ChatAppQuotaOptions;
  usage?: UsageLog | undefined;
  models: ModelSwitch;
  maxBodyBytes: number;
}

/** Who an audit record names for a principal: the user, or `key:<id>` for an API key. */
export function actorOf(principal: Principal): string {
  return principal.keyId ? `key:${principal.keyId}` : principal.userId;
}

/** Appends an audit record for an admin action of the current request (never fails the request). */
export async function auditAdmin(
  c: Context<AppEnv>,
  options: AdminRoutesOptions,
  event: { action: string; target?: string; outcome?: AuditOutcome; details?: Record<string, unknown> },
): Promise<void> {
  const principal = c.var.principal;
  await options.auth.audit
    ?.append({
      tenantId: principal.tenantId,
      actor: actorOf(principal),
      action: event.action,
      ...(event.target === undefined ? {} : { target: event.target }),
      outcome: event.outcome ?? 'success',
      ...(c.req.header('user-agent') ? { userAgent: c.req.header('user-agent') } : {}),
      ...(event.details ? { details: event.details } : {}),
    })
    .catch(() => {});
}

/** Parses an optional ISO date query parameter; undefined when absent, 400 when malformed. */
export function dateParam(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new CompanyChatError({ code: 'invalid_request', message: `${name} must be an ISO 8601 date.` });
  }
  return date;
}
