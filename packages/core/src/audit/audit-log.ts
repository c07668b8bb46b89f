/** How an audited action ended. `denied` = refused by authorization or a limit. */
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** What to record: who did what to which target, from where, and how it ended. */
export interface AuditEvent {
  tenantId: string;
  /** User id, `key:<id>` for an API key, or `system`. */
  actor: string;
  /** Dotted verb, e.g. `auth.login`, `api_key.create`, `user.suspend`, `quota.denied`. */
  action: string;
  /** What was acted on, e.g. `user:123`, `api_key:abc`. */
  target?: string;
  outcome: AuditOutcome;
  ip?: string;
  userAgent?: string;
  /** Extra facts. Sanitised: secrets and message bodies are removed and emails masked. */
  details?: Record<string, unknown>;
}

/** A stored audit record. */
export interface AuditRecord extends AuditEvent {
  id: string;
  at: Date;
  details: Record<string, unknown>;
}

/** Filters for reading the audit log, newest first. */
export interface AuditQuery {
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  /** Only records older than this id's record (paging). */
  before?: string;
  /** Default 50, at most 500. */
  limit?: number;
}

/**
 * The append-only audit log. Implementations sanitise every event with `sanitizeAuditEvent()` before
 * storing it, so no caller can leak a secret or a message body into it by mistake.
 */
export interface AuditLog {
  append(event: AuditEvent): Promise<AuditRecord>;
  list(tenantId: string, query?: AuditQuery): Promise<AuditRecord[]>;
}
