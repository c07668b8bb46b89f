import { describe, expect, it } from 'vitest';
import { cacheUserDirectory } from './cached-user-directory.js';
import { createMemoryUserDirectory } from './memory-user-directory.js';
import type { UserDirectory } from './user-directory.js';

function counting(directory: UserDirectory) {
  const reads = { count: 0 };
  return {
    reads,
    directory: {
      ...directory,
      get: (t: string, id: string) => {
        reads.count++;
        return directory.get(t, id);
      },
    },
  };
}

describe('cacheUserDirectory', () => {
  it('reuses a read within the TTL and reads again after it', async () => {
    let clock = 0;
    const { directory, reads } = counting(createMemoryUserDirectory());
    await directory.ensure({ tenantId: 't', id: 'dave', roles: ['user', 'admin'] });
    const cached = cacheUserDirectory(directory, { ttlMs: 1000, now: () => clock });
    expect((await cached.get('t', 'dave'))?.roles).toEqual(['user', 'admin']);
    await cached.get('t', 'dave');
    expect(reads.count).toBe(1);
    clock = 1000;
    await cached.get('t', 'dave');
    expect(reads.count).toBe(2);
  });

  it('drops the cached user at once when it changes through the cache', async () => {
    const cached = cacheUserDirectory(createMemoryUserDirectory(), { ttlMs: 60_000 });
    await cached.ensure({ tenantId: 't', id: 'dave', roles: ['user', 'admin'] });
    expect((await cached.get('t', 'dave'))?.roles).toEqual(['user', 'admin']);
    await cached.update('t', 'dave', { roles: ['user'] });
    expect((await cached.get('t', 'dave'))?.roles).toEqual(['user']);
    await cached.update('t', 'dave', { status: 'suspended' });
    expect((await cached.get('t', 'dave'))?.status).toBe('suspended');
    await cached.delete('t', 'dave');
    expect(await cached.get('t', 'dave')).toBeNull();
  });

  it('hands out copies, so a caller cannot change the cached record', async () => {
    const cached = cacheUserDirectory(createMemoryUserDirectory());
    await cached.ensure({ tenantId: 't', id: 'erin', roles: ['user'] });
    (await cached.get('t', 'erin'))?.roles.push('admin');
    expect((await cached.get('t', 'erin'))?.roles).toEqual(['user']);
  });
});
