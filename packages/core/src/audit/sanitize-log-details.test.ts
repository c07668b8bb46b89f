import { describe, expect, it } from 'vitest';
import { sanitizeAuditDetails } from './sanitize-audit-event.js';
import { sanitizeLogDetails, sanitizeLogMessage } from './sanitize-log-details.js';

describe('sanitizeLogDetails', () => {
  it('masks like the audit log, but keeps operator messages, counts and errors', () => {
    const details = {
      email: 'ann.lee@example.com',
      password: 'hunter2',
      prompt: 'my secret plan',
      message: 'upstream 401 for key sk-abcdefghijklmnop',
      maxOutputTokens: 1024,
      error: Object.assign(new TypeError('connect ECONNREFUSED postgres://app:pw@db:5432'), { code: 'ECONNREFUSED' }),
      nested: { authorization: 'Basic dXNlcjpwYXNz', ok: true },
    };
    const logged = sanitizeLogDetails(details);
    expect(logged).toMatchObject({
      email: 'a***@example.com',
      password: '[redacted]',
      prompt: '[redacted]',
      message: 'upstream 401 for key [redacted]',
      maxOutputTokens: 1024,
      error: {
        type: 'TypeError',
        message: 'connect ECONNREFUSED postgres://app:[redacted]@db:5432',
        code: 'ECONNREFUSED',
      },
      nested: { authorization: '[redacted]', ok: true },
    });
    expect((logged.error as { stack: string }).stack).toMatch(/^TypeError: connect ECONNREFUSED/);
    // The audit log keeps less: no message, no token counts under a secret-looking key, errors as their type.
    expect(sanitizeAuditDetails(details)).toMatchObject({
      message: '[redacted]',
      maxOutputTokens: '[redacted]',
      error: '[TypeError]',
    });
  });

  it('masks a message without shortening it', () => {
    const long = `${'x'.repeat(400)} Bearer abc.def token for bob@example.org`;
    expect(sanitizeLogMessage(long)).toBe(`${'x'.repeat(400)} [redacted] token for b***@example.org`);
  });
});
