import type { UserDirectory } from '@company-chat/core';
import { expect, it } from 'vitest';

/** Builds an empty user directory; `cleanup` removes what it stored. */
export type UserDirectoryFactory = () => Promise<{ users: UserDirectory; cleanup?: () => Promise<void> }>;

/** The conformance suite every UserDirectory implementation passes. */
export function userDirectoryCases(factory: UserDirectoryFactory): void {
  it('ensures, lists with search and paging per tenant, updates and deletes', async () => {
    const { users, cleanup } = await factory();
    try {
      const t0 = Date.UTC(2026, 0, 1);
      await users.ensure({ tenantId: 't1', id: 'alice', email: 'alice@example.com', createdAt: new Date(t0) });
      await users.ensure({ tenantId: 't1', id: 'bob', displayName: 'Bob 100%', createdAt: new Date(t0 + 1000) });
      await users.ensure({ tenantId: 't2', id: 'alice', createdAt: new Date(t0 + 2000) });
      const again = await users.ensure({ tenantId: 't1', id: 'alice', tier: 'pro' });
      expect(again).toMatchObject({ tier: 'free', roles: ['user'], status: 'active', hasPassword: false });
      const all = await users.list('t1');
      expect(all.total).toBe(2);
      expect(all.users.map((u) => u.id)).toEqual(['alice', 'bob']);
      expect((await users.list('t1', { search: 'EXAMPLE' })).users.map((u) => u.id)).toEqual(['alice']);
      expect((await users.list('t1', { search: '0%' })).users.map((u) => u.id)).toEqual(['bob']);
      expect((await users.list('t1', { search: '_' })).users).toEqual([]);
      expect((await users.list('t1', { limit: 1, offset: 1 })).users.map((u) => u.id)).toEqual(['bob']);
      const updated = await users.update('t1', 'bob', { roles: ['admin', 'user'], tier: 'pro', status: 'suspended' });
      expect(updated).toMatchObject({ roles: ['user', 'admin'], tier: 'pro', status: 'suspended' });
      expect((await users.list('t1', { status: 'suspended' })).users.map((u) => u.id)).toEqual(['bob']);
      expect(await users.update('t1', 'nobody', { tier: 'pro' })).toBeNull();
      expect((await users.get('t2', 'alice'))?.tier).toBe('free');
      expect(await users.delete('t1', 'alice')).toBe(true);
      expect(await users.delete('t1', 'alice')).toBe(false);
      expect(await users.get('t1', 'alice')).toBeNull();
      expect(await users.get('t2', 'alice')).not.toBeNull();
    } finally {
      await cleanup?.();
    }
  });
}
