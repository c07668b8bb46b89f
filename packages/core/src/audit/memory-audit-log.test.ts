import { auditLogCases } from '@company-chat/testing/conformance';
import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from './memory-audit-log.js';
import { REDACTED, sanitizeAuditDetails, sanitizeAuditString } from './sanitize-audit-event.js';

describe('audit sanitiser', () => {
  it('masks emails and removes secrets by shape', () => {
    expect(sanitizeAuditString('created alice.smith@example.com')).toBe('created a***@example.com');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const out = sanitizeAuditString(
      `key cc_live_${'a'.repeat(40)} jwt ${jwt} sk-proj-abcdefghijkl Bearer xyz ccr_${'b'.repeat(43)}`,
    );
    expect(out).not.toMatch(/cc_live_a|eyJ|sk-proj|xyz|ccr_b/);
    expect(out.match(/\[redacted\]/g)).toHaveLength(5);
  });

  it('redacts secret and content keys at any depth and bounds size', () => {
    const details = sanitizeAuditDetails({
      email: 'bob@corp.example',
      password: 'hunter22',
      apiKey: 'anything',
      nested: { refresh_token: 'x', content: 'the user message body', model: 'gpt-4o', deep: { a: { b: { c: 1 } } } },
      messages: [{ role: 'user', content: 'secret plans' }],
      error: new Error('contains sk-live-leak'),
      long: 'x'.repeat(1000),
    });
    expect(details).toMatchObject({
      email: 'b***@corp.example',
      password: REDACTED,
      apiKey: REDACTED,
      nested: { refresh_token: REDACTED, content: REDACTED, model: 'gpt-4o', deep: { a: { b: REDACTED } } },
      messages: REDACTED,
      error: '[Error]',
    });
    expect((details.long as string).length).toBeLessThanOrEqual(257);
    expect(JSON.stringify(details)).not.toMatch(/hunter22|secret plans|user message body|leak/);
  });

  it('keeps the numbers of quota limits whose names look like content keys', () => {
    const details = sanitizeAuditDetails({
      after: { messagesPerMinute: 10, tokensPerDay: 5000, uploadsPerHour: 2 },
      messagesPerMinute: 'a string is not a limit',
    });
    expect(details).toEqual({
      after: { messagesPerMinute: 10, tokensPerDay: 5000, uploadsPerHour: 2 },
      messagesPerMinute: REDACTED,
    });
  });
});

describe('memory audit log', () => {
  auditLogCases(async (now) => ({ log: createMemoryAuditLog({ now }) }));
});
