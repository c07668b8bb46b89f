import type { LoginAttempt, LoginThrottle, LoginThrottleOptions } from '@company-chat/core';
import { expect, it } from 'vitest';

/** Builds a fresh throttle for one test; `cleanup` removes whatever it stored. */
export type LoginThrottleFactory = (
  options: LoginThrottleOptions,
) => Promise<{ throttle: LoginThrottle; cleanup?: () => Promise<void> }>;

const bob = (address: string | undefined): LoginAttempt => ({ tenantId: 'acme', email: 'bob@example.com', address });

/** The conformance suite every LoginThrottle implementation passes. */
export function loginThrottleCases(factory: LoginThrottleFactory): void {
  let clock = Date.UTC(2026, 0, 1, 9);
  async function withThrottle(options: LoginThrottleOptions, run: (throttle: LoginThrottle) => Promise<void>) {
    clock = Date.UTC(2026, 0, 1, 9);
    const { throttle, cleanup } = await factory({ now: () => clock, ...options });
    try {
      await run(throttle);
    } finally {
      await cleanup?.();
    }
  }

  it('lets addressFailures attempts through, then backs off exponentially per account and address', async () => {
    await withThrottle({ addressFailures: 3, accountFailures: 100, baseDelayMs: 1000 }, async (throttle) => {
      for (let i = 0; i < 3; i++) expect(await throttle.attempt(bob('198.51.100.7'))).toEqual({ allowed: true });
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const refused = await throttle.attempt(bob('198.51.100.7'));
        expect(refused).toMatchObject({ allowed: false, reason: 'address' });
        const wait = (refused as { retryAfterMs: number }).retryAfterMs;
        waits.push(wait);
        clock += wait - 1;
        expect(await throttle.attempt(bob('198.51.100.7'))).toMatchObject({ allowed: false, retryAfterMs: 1 });
        clock += 1;
        expect(await throttle.attempt(bob('198.51.100.7'))).toEqual({ allowed: true });
      }
      expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
      // Another address, and another account from the same address, are not held back.
      expect(await throttle.attempt(bob('198.51.100.8'))).toEqual({ allowed: true });
      expect(await throttle.attempt({ ...bob('198.51.100.7'), email: 'carol@example.com' })).toEqual({
        allowed: true,
      });
    });
  });

  it('caps the back-off at maxDelayMs', async () => {
    await withThrottle({ addressFailures: 1, baseDelayMs: 1000, maxDelayMs: 5000 }, async (throttle) => {
      const waits: number[] = [];
      for (let i = 0; i < 6; i++) {
        expect(await throttle.attempt(bob('203.0.113.1'))).toEqual({ allowed: true });
        const refused = (await throttle.attempt(bob('203.0.113.1'))) as { retryAfterMs: number };
        waits.push(refused.retryAfterMs);
        clock += refused.retryAfterMs;
      }
      expect(waits).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    });
  });

  it('locks an attacked account for new addresses but never for the address its user signed in from', async () => {
    const options = { addressFailures: 5, accountFailures: 10, baseDelayMs: 60_000 };
    await withThrottle(options, async (throttle) => {
      const home = bob('192.0.2.10');
      expect(await throttle.attempt(home)).toEqual({ allowed: true });
      await throttle.succeeded(home);
      // A guesser spreads wrong passwords over many addresses.
      for (let i = 0; i < 10; i++) expect(await throttle.attempt(bob(`198.51.100.${i}`))).toEqual({ allowed: true });
      expect(await throttle.attempt(bob('198.51.100.77'))).toMatchObject({ allowed: false, reason: 'account' });
      expect(await throttle.attempt(bob('198.51.100.78'))).toMatchObject({ allowed: false, reason: 'account' });
      // The real user, from their usual address, is not locked out; signing in does not unlock the others.
      expect(await throttle.attempt(home)).toEqual({ allowed: true });
      await throttle.succeeded(home);
      expect(await throttle.attempt(bob('198.51.100.79'))).toMatchObject({ allowed: false, reason: 'account' });
    });
  });

  it('forgives an address its failures when the password is right', async () => {
    await withThrottle({ addressFailures: 2, accountFailures: 100 }, async (throttle) => {
      const office = bob('192.0.2.20');
      await throttle.attempt(office);
      await throttle.attempt(office);
      const refused = (await throttle.attempt(office)) as { retryAfterMs: number };
      expect(refused).toMatchObject({ allowed: false, reason: 'address' });
      clock += refused.retryAfterMs;
      expect(await throttle.attempt(office)).toEqual({ allowed: true });
      await throttle.succeeded(office);
      for (let i = 0; i < 2; i++) expect(await throttle.attempt(office)).toEqual({ allowed: true });
    });
  });

  it('admits exactly addressFailures of 50 concurrent guesses', async () => {
    await withThrottle({ addressFailures: 5 }, async (throttle) => {
      const verdicts = await Promise.all(Array.from({ length: 50 }, () => throttle.attempt(bob('203.0.113.9'))));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    });
  });

  it('treats spellings of one email as one account, and tenants apart', async () => {
    await withThrottle({ addressFailures: 2, accountFailures: 100 }, async (throttle) => {
      await throttle.attempt({ tenantId: 'acme', email: ' Bob@Example.COM ', address: '192.0.2.1' });
      await throttle.attempt(bob('192.0.2.1'));
      expect(await throttle.attempt(bob('192.0.2.1'))).toMatchObject({ allowed: false });
      expect(await throttle.attempt({ ...bob('192.0.2.1'), tenantId: 'globex' })).toEqual({ allowed: true });
    });
  });

  it('never remembers an unknown address as good', async () => {
    await withThrottle({ addressFailures: 100, accountFailures: 3 }, async (throttle) => {
      await throttle.attempt(bob(undefined));
      await throttle.succeeded(bob(undefined));
      for (let i = 0; i < 3; i++) await throttle.attempt(bob(`198.51.100.${i}`));
      expect(await throttle.attempt(bob(undefined))).toMatchObject({ allowed: false, reason: 'account' });
    });
  });

  it('limits requests per address and minute, per bucket', async () => {
    await withThrottle({}, async (throttle) => {
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, () => throttle.hitAddress('auth', '192.0.2.5', 12)),
      );
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(12);
      const refused = verdicts.find((v) => !v.allowed) as { retryAfterMs: number; reason: string };
      expect(refused.reason).toBe('rate');
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(await throttle.hitAddress('auth', '192.0.2.6', 12)).toEqual({ allowed: true });
      expect(await throttle.hitAddress('widget-tokens', '192.0.2.5', 12)).toEqual({ allowed: true });
      clock += refused.retryAfterMs;
      expect(await throttle.hitAddress('auth', '192.0.2.5', 12)).toEqual({ allowed: true });
    });
  });
}
