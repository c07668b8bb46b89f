import { type AuditLog, REDACTED } from '@company-chat/core';
import { expect, it } from 'vitest';

/** Builds an empty audit log with a controllable clock; `cleanup` removes what it stored. */
export type AuditLogFactory = (now: () => Date) => Promise<{ log: AuditLog; cleanup?: () => Promise<void> }>;

/** The conformance suite every AuditLog implementation passes. */
export function auditLogCases(factory: AuditLogFactory): void {
  it('stores sanitised records and lists them per tenant, newest first, with filters and paging', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const { log, cleanup } = await factory(() => {
      clock += 1000;
      return new Date(clock);
    });
    try {
      const first = await log.append({
        tenantId: 't1',
        actor: 'admin@example.com',
        action: 'user.create',
        target: 'user:carol@example.com',
        outcome: 'success',
        ip: '203.0.113.9',
        userAgent: 'curl/8 Bearer tok-zzqv-secret',
        details: { password: 'initial-password', tier: 'pro' },
      });
      expect(first).toMatchObject({
        actor: 'a***@example.com',
        target: 'user:c***@example.com',
        details: { password: REDACTED, tier: 'pro' },
      });
      await log.append({ tenantId: 't2', actor: 'x', action: 'auth.login', outcome: 'failure' });
      const second = await log.append({
        tenantId: 't1',
        actor: 'u2',
        action: 'auth.login',
        outcome: 'denied',
        target: 'plain',
      });
      const all = await log.list('t1');
      expect(all.map((r) => r.id)).toEqual([second.id, first.id]);
      expect(all[1]).toEqual(first);
      expect(all[0]).toMatchObject({ outcome: 'denied', target: 'plain', details: {} });
      expect(JSON.stringify(all)).not.toMatch(/initial-password|carol@|tok-zzqv-secret/);
      expect((await log.list('t1', { action: 'user.create' })).map((r) => r.id)).toEqual([first.id]);
      expect((await log.list('t1', { actor: 'u2' })).map((r) => r.id)).toEqual([second.id]);
      expect((await log.list('t1', { before: second.id })).map((r) => r.id)).toEqual([first.id]);
      expect((await log.list('t1', { limit: 1 })).map((r) => r.id)).toEqual([second.id]);
      expect(await log.list('t1', { from: new Date(clock + 1) })).toEqual([]);
      expect(await log.list('t1', { to: new Date(Date.UTC(2026, 0, 1)) })).toEqual([]);
      expect(await log.list('t3')).toEqual([]);
    } finally {
      await cleanup?.();
    }
  });
}
