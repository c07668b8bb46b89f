import type { AuditEvent } from './audit-log.js';

/** Replaces whatever the sanitiser removes. */
export const REDACTED = '[redacted]';

// Keys whose values are secrets or user content, whatever they contain.
const secretKey =
  /pass(word|phrase)?|secret|token|authori[sz]ation|cookie|api[-_]?key|^key$|credential|private|signature|content|body|message|prompt|answer|completion|text/i;
// Quota limit names that only look like secret or content keys: their values are numbers an admin set.
const limitKey = /^(messagesPerMinute|uploadsPerHour|requestsPerMinute|tokensPerDay|tokensPerMonth)$/;
// Secrets recognisable by shape, wherever they appear.
const secretValues: RegExp[] = [
  /cc_live_[0-9A-Za-z]+/g, // company-chat API keys
  /ccr_[0-9A-Za-z]+/g, // refresh tokens
  /eyJ[\w-]*\.[\w-]*\.[\w-]*/g, // JWTs
  /\bsk-[\w-]{8,}/g, // OpenAI-style keys
  /\bsk-ant-[\w-]{8,}/g,
  /\b(Bearer|Basic)\s+[^\s,;]+/gi,
  /\$argon2(id|i|d)\$[^\s]+/g, // password hashes
  /(?<=:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/g, // the password of a URL (postgres://app:password@db)
];
const email = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const maxString = 256;
const maxDepth = 4;
const maxItems = 50;

/**
 * Masks emails (`a***@example.com`) and replaces anything shaped like a secret (API keys, JWTs, bearer
 * credentials, password hashes) with `[redacted]`, keeping the rest of the string as it is.
 */
export function maskSecrets(value: string): string {
  let out = value;
  for (const pattern of secretValues) out = out.replace(pattern, REDACTED);
  return out.replace(email, '$1***@$2');
}

/** Masks emails (`a***@example.com`) and removes anything shaped like a secret from a string. */
export function sanitizeAuditString(value: string): string {
  const out = maskSecrets(value);
  return out.length > maxString ? `${out.slice(0, maxString)}…` : out;
}

/** How {@link sanitizeWith} treats keys, strings and what is neither plain data nor a string. */
export interface SanitizePolicy {
  /** True when the value under `key` is replaced by `[redacted]` whatever it is. */
  redactKey(key: string, value: unknown): boolean;
  string(value: string): string;
  /** Errors, class instances, functions. */
  other(value: object | ((...args: never[]) => unknown)): unknown;
}

/** True for keys whose values are secrets or user content (`password`, `token`, `content`, `message`, ...). */
export function isSecretOrContentKey(key: string): boolean {
  return secretKey.test(key);
}

const auditPolicy: SanitizePolicy = {
  redactKey: (key, value) => secretKey.test(key) && !(limitKey.test(key) && typeof value === 'number'),
  string: sanitizeAuditString,
  // Their string forms may hold anything; keep only the type.
  other: (value) => `[${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}]`,
};

/** Sanitises a details object: secret and content keys redacted, strings masked, size bounded. */
export function sanitizeAuditDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return sanitizeWith(details, auditPolicy);
}

/** Sanitises a details object by `policy`, bounded in depth (4) and items (50 per object or array). */
export function sanitizeWith(
  details: Record<string, unknown> | undefined,
  policy: SanitizePolicy,
): Record<string, unknown> {
  return (sanitizeValue(details ?? {}, 0, policy) as Record<string, unknown> | undefined) ?? {};
}

function sanitizeValue(value: unknown, depth: number, policy: SanitizePolicy): unknown {
  if (typeof value === 'string') return policy.string(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= maxDepth) return REDACTED;
  if (Array.isArray(value)) return value.slice(0, maxItems).map((item) => sanitizeValue(item, depth + 1, policy));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value).slice(0, maxItems)) {
      out[key] = policy.redactKey(key, item) ? REDACTED : sanitizeValue(item, depth + 1, policy);
    }
    return out;
  }
  return value === undefined ? undefined : policy.other(value as object);
}

/** Sanitises every free-text field of an audit event. */
export function sanitizeAuditEvent(event: AuditEvent): AuditEvent & { details: Record<string, unknown> } {
  return {
    tenantId: event.tenantId,
    actor: sanitizeAuditString(event.actor),
    action: event.action.slice(0, 100),
    ...(event.target === undefined ? {} : { target: sanitizeAuditString(event.target) }),
    outcome: event.outcome,
    ...(event.ip === undefined ? {} : { ip: event.ip.slice(0, 64) }),
    ...(event.userAgent === undefined ? {} : { userAgent: sanitizeAuditString(event.userAgent) }),
    details: sanitizeAuditDetails(event.details),
  };
}
