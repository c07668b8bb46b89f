import { type AccountStore, createAccounts } from '@company-chat/core';
import { afterEach, beforeEach, expect, it } from 'vitest';

/** Builds an empty store for one test. */
export type AccountStoreFactory = () => Promise<{ store: AccountStore; cleanup?: () => Promise<void> }>;

const secret = 'access-token-secret-access-token-secret';
// Cheap argon2id parameters keep the suite fast; the defaults are exercised in accounts.test.ts.
const passwordHash = { memorySize: 256, iterations: 1, parallelism: 1 };

/** Built-in account tests, run over every AccountStore implementation. */
export function accountsCases(factory: AccountStoreFactory): void {
  let store: AccountStore;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => {
    await cleanup?.();
  });

  async function setup() {
    const accounts = createAccounts({ store, secret, passwordHash });
    const account = await accounts.register({
      tenantId: 't1',
      email: ' Alice@Example.com ',
      password: 'correct horse',
    });
    return { store, accounts, account };
  }

  it('registers with a normalised email and never returns the hash', async () => {
    const { account, accounts } = await setup();
    expect(account.email).toBe('alice@example.com');
    expect(account).not.toHaveProperty('passwordHash');
    await expect(
      accounts.register({ tenantId: 't1', email: 'alice@example.com', password: 'another one' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      accounts.register({ tenantId: 't1', email: 'bob@example.com', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('logs in to an access token that verifies to a session principal', async () => {
    const { accounts, account } = await setup();
    const pair = await accounts.login({ tenantId: 't1', email: 'ALICE@example.com', password: 'correct horse' });
    const principal = await accounts.verifyAccessToken(pair.accessToken);
    expect(principal).toMatchObject({ tenantId: 't1', userId: account.id, roles: ['user'], via: 'session' });
    expect(pair.refreshToken).toMatch(/^ccr_/);
  });

  it('answers wrong password, unknown email and another tenant alike with 401', async () => {
    const { accounts } = await setup();
    for (const input of [
      { tenantId: 't1', email: 'alice@example.com', password: 'wrong horse' },
      { tenantId: 't1', email: 'nobody@example.com', password: 'correct horse' },
      { tenantId: 't2', email: 'alice@example.com', password: 'correct horse' },
      { tenantId: 't1', email: 'not an email', password: 'correct horse' },
    ]) {
      await expect(accounts.login(input)).rejects.toMatchObject({ code: 'unauthenticated', statusCode: 401 });
    }
  });

  it('rotates refresh tokens, and reuse of a rotated one revokes the whole family', async () => {
    const { accounts } = await setup();
    const first = await accounts.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' });
    const second = await accounts.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await accounts.refresh(second.refreshToken);
    // An attacker replays the stolen first token: refused, and the family dies.
    await expect(accounts.refresh(first.refreshToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(accounts.refresh(third.refreshToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(accounts.verifyAccessToken(third.accessToken)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('lets exactly one of two concurrent refreshes win', async () => {
    const { accounts } = await setup();
    const pair = await accounts.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' });
    const results = await Promise.allSettled([
      accounts.refresh(pair.refreshToken),
      accounts.refresh(pair.refreshToken),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('logout ends the session for refresh and access tokens', async () => {
    const { accounts } = await setup();
    const pair = await accounts.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' });
    await accounts.logout(pair.refreshToken);
    await expect(accounts.refresh(pair.refreshToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(accounts.verifyAccessToken(pair.accessToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    await accounts.logout('ccr_unknown'); // idempotent, no error
  });

  it('a suspended account gets 403 and loses its sessions; a reactivated one can log in again', async () => {
    const { accounts, account } = await setup();
    const pair = await accounts.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' });
    expect(await accounts.setStatus('t1', account.id, 'suspended')).toBe(true);
    await expect(accounts.verifyAccessToken(pair.accessToken)).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      accounts.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      statusCode: 403,
    });
    await accounts.setStatus('t1', account.id, 'active');
    const again = await accounts.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' });
    expect((await accounts.verifyAccessToken(again.accessToken)).userId).toBe(account.id);
  });

  it('rejects an access token signed with another secret', async () => {
    const { store } = await setup();
    const other = createAccounts({ store, secret: `${secret}-other`, passwordHash });
    const pair = await other.login({ tenantId: 't1', email: 'alice@example.com', password: 'correct horse' });
    const mine = createAccounts({ store, secret, passwordHash });
    await expect(mine.verifyAccessToken(pair.accessToken)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
}
