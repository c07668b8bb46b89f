import { isSecretOrContentKey, maskSecrets, type SanitizePolicy, sanitizeWith } from './sanitize-audit-event.js';

// Long enough for a stack trace or an upstream error body; a log line stays bounded.
const maxLogString = 4_000;
// Error texts written for operators (a provider's refusal, a driver's error): kept, with secrets masked.
const operatorKeys = new Set(['message', 'msg']);

const bounded = (value: string) => {
  const out = maskSecrets(value);
  return out.length > maxLogString ? `${out.slice(0, maxLogString)}…` : out;
};

const logPolicy: SanitizePolicy = {
  // Counts (`inputTokens`, `maxOutputTokens`) only look like secret keys; a secret is never a number.
  redactKey: (key, value) =>
    !operatorKeys.has(key) && typeof value !== 'number' && typeof value !== 'boolean' && isSecretOrContentKey(key),
  string: bounded,
  other: (value) => {
    if (!(value instanceof Error)) return `[${typeof value === 'object' ? value.constructor?.name : typeof value}]`;
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: bounded(value.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(value.stack ? { stack: bounded(value.stack) } : {}),
    };
  },
};

/**
 * Sanitises the details of a log line with the audit log's masker: emails masked (`a***@example.com`),
 * values shaped like secrets (API keys, JWTs, bearer credentials) and the values of secret or content
 * keys (`password`, `token`, `content`, `prompt`, ...) replaced by `[redacted]`. Unlike audit details,
 * `message` (an error text for the operator) is kept masked, numbers are kept whatever their key, and
 * errors keep their type, message, code and stack (masked).
 *
 * @example
 * ```ts
 * sanitizeLogDetails({ user: 'ann@example.com', authorization: 'Bearer abc', inputTokens: 12 });
 * // { user: 'a***@example.com', authorization: '[redacted]', inputTokens: 12 }
 * ```
 */
export function sanitizeLogDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return sanitizeWith(details, logPolicy);
}

/** A log message with secrets and emails masked (not shortened: start-up reports are long lines). */
export function sanitizeLogMessage(message: string): string {
  return maskSecrets(message);
}
