import { accountsCases } from '@company-chat/testing/conformance';
import { describe, expect, it } from 'vitest';
import { createMemoryAccountStore } from './memory-account-store.js';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('uses argon2id with the OWASP defaults and verifies', async () => {
    const hash = await hashPassword('s3cret-password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('s3cret-password', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
    expect(await verifyPassword('s3cret-password', 'not-a-hash')).toBe(false);
  });
});

describe('built-in accounts over the memory store', () => {
  accountsCases(async () => ({ store: createMemoryAccountStore() }));
});
