import { type ApiKeyStore, createApiKeys } from '@company-chat/core';
import { afterEach, beforeEach, expect, it } from 'vitest';

/** Builds an empty store for one test. */
export type ApiKeyStoreFactory = () => Promise<{ store: ApiKeyStore; cleanup?: () => Promise<void> }>;

/** API key service tests, run over every ApiKeyStore implementation. */
export function apiKeysCases(factory: ApiKeyStoreFactory): void {
  let cleanup: (() => Promise<void>) | undefined;
  let store: ApiKeyStore;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => {
    await cleanup?.();
  });

  it('shows the key once and stores only its SHA-256 hash and prefix', async () => {
    const apiKeys = createApiKeys({ store });
    const created = await apiKeys.create({ tenantId: 't1', userId: 'svc', name: 'CI', scopes: ['chat', 'files'] });
    expect(created.key).toMatch(/^cc_live_[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 16));
    expect(created).not.toHaveProperty('hash');
    const [stored] = await store.list('t1');
    expect(stored?.hash).toBe(await sha256Hex(created.key));
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(JSON.stringify(await apiKeys.list('t1'))).not.toContain(created.key);
  });

  it('verifies to a scoped api-key principal', async () => {
    const apiKeys = createApiKeys({ store });
    const { key, id } = await apiKeys.create({
      tenantId: 't1',
      userId: 'svc',
      name: 'CI',
      scopes: ['chat'],
      tier: 'pro',
    });
    expect(await apiKeys.verify(key)).toEqual({
      tenantId: 't1',
      userId: 'svc',
      roles: ['user'],
      tier: 'pro',
      via: 'api-key',
      scopes: ['chat'],
      keyId: id,
    });
  });

  it('rejects unknown, malformed, tampered, revoked and expired keys with 401', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const apiKeys = createApiKeys({ store, now: () => clock });
    const { key, id } = await apiKeys.create({
      tenantId: 't1',
      userId: 'svc',
      name: 'CI',
      scopes: ['chat'],
      expiresAt: new Date('2026-02-01T00:00:00Z'),
    });
    const last = key.at(-1) === 'a' ? 'b' : 'a';
    for (const bad of ['cc_live_short', `${key.slice(0, -1)}${last}`, `cc_live_${'x'.repeat(40)}`, `${key} `]) {
      await expect(apiKeys.verify(bad)).rejects.toMatchObject({ code: 'unauthenticated', statusCode: 401 });
    }
    expect((await apiKeys.verify(key)).keyId).toBe(id);
    expect(await apiKeys.revoke('t2', id)).toBe(false); // another tenant cannot revoke it
    expect(await apiKeys.revoke('t1', id)).toBe(true);
    await expect(apiKeys.verify(key)).rejects.toMatchObject({ code: 'unauthenticated' });

    const second = await apiKeys.create({
      tenantId: 't1',
      userId: 'svc',
      name: 'x',
      scopes: ['chat'],
      expiresAt: new Date('2026-02-01T00:00:00Z'),
    });
    expect((await apiKeys.verify(second.key)).userId).toBe('svc');
    clock = new Date('2026-02-01T00:00:00Z');
    await expect(apiKeys.verify(second.key)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('needs a known scope and drops unknown roles', async () => {
    const apiKeys = createApiKeys({ store });
    await expect(apiKeys.create({ tenantId: 't', userId: 'u', name: 'n', scopes: [] })).rejects.toThrow(RangeError);
    const { key } = await apiKeys.create({
      tenantId: 't',
      userId: 'u',
      name: 'n',
      scopes: ['admin'],
      roles: ['admin', 'root' as 'admin'],
    });
    expect((await apiKeys.verify(key)).roles).toEqual(['admin']);
  });
}

/** SHA-256 of `text` as lower-case hex: how an API key's hash is stored. */
async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
