import {
  type MemoryQuotaLedgerOptions,
  type Principal,
  QuotaError,
  type QuotaLedger,
  type Reservation,
} from '@company-chat/core';
import { expect, it } from 'vitest';

/** Builds a fresh, empty ledger for one test; `cleanup` removes whatever it stored. */
export type QuotaLedgerFactory = (
  options: MemoryQuotaLedgerOptions,
) => Promise<{ ledger: QuotaLedger; cleanup?: () => Promise<void> }>;

const alice: Principal = { tenantId: 'acme', userId: 'alice', roles: ['user'], tier: 'small', via: 'jwt' };
const tiers = {
  free: { tokensPerDay: 100 },
  small: { tokensPerDay: 10_000, tokensPerMonth: 1_000_000, costPerMonth: 1 },
  big: { tokensPerDay: 100_000_000, tokensPerMonth: 100_000_000, costPerMonth: 1_000_000 },
};

/** The conformance suite every QuotaLedger implementation passes. */
export function quotaLedgerCases(factory: QuotaLedgerFactory): void {
  async function withLedger(options: Partial<MemoryQuotaLedgerOptions>, run: (ledger: QuotaLedger) => Promise<void>) {
    const { ledger, cleanup } = await factory({ tiers, ...options });
    try {
      await run(ledger);
    } finally {
      await cleanup?.();
    }
  }

  it('admits exactly the budget out of 1,000 concurrent reservations', async () => {
    await withLedger({}, async (ledger) => {
      // 10,000 tokens per day and 1,000 worst-case tokens per answer: exactly 10 fit.
      const results = await Promise.allSettled(
        Array.from({ length: 1000 }, () =>
          ledger.reserve({ principal: alice, worstCaseTokens: 1000, worstCaseCost: 0.01 }),
        ),
      );
      const admitted = results.filter((result) => result.status === 'fulfilled');
      expect(admitted).toHaveLength(10);
      const denied = results.find((result) => result.status === 'rejected');
      expect(denied?.status === 'rejected' && denied.reason).toBeInstanceOf(QuotaError);
      expect(denied?.status === 'rejected' && denied.reason).toMatchObject({
        code: 'quota_exceeded',
        limit: 'tokensPerDay',
        scope: 'user',
      });
      const day = (await ledger.usage(alice)).find((usage) => usage.limit === 'tokensPerDay');
      expect(day).toMatchObject({ used: 0, reserved: 10_000, max: 10_000 });
    });
  });

  it('settle records real usage and releases the rest; settling twice is a no-op', async () => {
    await withLedger({}, async (ledger) => {
      const reservation = await ledger.reserve({ principal: alice, worstCaseTokens: 6000, worstCaseCost: 0.5 });
      await expect(
        ledger.reserve({ principal: alice, worstCaseTokens: 6000, worstCaseCost: 0.1 }),
      ).rejects.toMatchObject({
        limit: 'tokensPerDay',
      });
      await ledger.settle(reservation, { tokens: 1500, cost: 0.125 });
      await ledger.settle(reservation, { tokens: 1500, cost: 0.125 });
      const usage = await ledger.usage(alice);
      expect(usage.find((u) => u.limit === 'tokensPerDay')).toMatchObject({ used: 1500, reserved: 0 });
      expect(usage.find((u) => u.limit === 'costPerMonth')).toMatchObject({ used: 0.125, reserved: 0, max: 1 });
      await ledger.reserve({ principal: alice, worstCaseTokens: 6000, worstCaseCost: 0.1 });
    });
  });

  it('names the cost limit and a retry time until the window resets', async () => {
    await withLedger({}, async (ledger) => {
      const reservation = await ledger.reserve({ principal: alice, worstCaseTokens: 10, worstCaseCost: 0.9 });
      await ledger.settle(reservation, { tokens: 10, cost: 0.9 });
      const error = await ledger
        .reserve({ principal: alice, worstCaseTokens: 10, worstCaseCost: 0.2 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'quota_exceeded', statusCode: 429, limit: 'costPerMonth', scope: 'user' });
      expect((error as QuotaError).retryAfterMs).toBeGreaterThan(0);
      expect((error as QuotaError).retryAfterMs).toBeLessThanOrEqual(31 * 86_400_000);
    });
  });

  it('after 1,000 mixed complete/failed/aborted answers reserved is zero and spend is the sum of usage', async () => {
    const big: Principal = { ...alice, tier: 'big' };
    await withLedger({}, async (ledger) => {
      let expectedTokens = 0;
      let expectedMicros = 0;
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(
          Array.from({ length: 100 }, async (_, i) => {
            const n = batch * 100 + i;
            const reservation = await ledger.reserve({ principal: big, worstCaseTokens: 2000, worstCaseCost: 0.02 });
            const outcome = n % 3; // 0 complete, 1 failed before any token, 2 aborted midway
            const tokens = outcome === 0 ? 1000 + (n % 500) : outcome === 1 ? 0 : 100 + (n % 50);
            const micros = tokens * 7; // $7 per 1M tokens
            expectedTokens += tokens;
            expectedMicros += micros;
            await ledger.settle(reservation, { tokens, cost: micros / 1_000_000 });
          }),
        );
      }
      const usage = await ledger.usage(big);
      for (const limit of usage) expect(limit.reserved).toBe(0);
      expect(usage.find((u) => u.limit === 'tokensPerDay')?.used).toBe(expectedTokens);
      expect(usage.find((u) => u.limit === 'tokensPerMonth')?.used).toBe(expectedTokens);
      expect(Math.round((usage.find((u) => u.limit === 'costPerMonth')?.used ?? 0) * 1_000_000)).toBe(expectedMicros);
    });
  });

  it('keeps tenants and users apart', async () => {
    await withLedger({}, async (ledger) => {
      for (const principal of [alice, { ...alice, tenantId: 'globex' }, { ...alice, userId: 'bob' }]) {
        await ledger.reserve({ principal, worstCaseTokens: 10_000, worstCaseCost: 0 });
      }
      await expect(ledger.reserve({ principal: alice, worstCaseTokens: 1, worstCaseCost: 0 })).rejects.toBeInstanceOf(
        QuotaError,
      );
    });
  });

  it('applies per-API-key and per-tenant budgets on top of the user budget', async () => {
    await withLedger(
      { tenantLimits: (tenant) => (tenant === 'acme' ? { tokensPerDay: 15_000 } : undefined) },
      async (ledger) => {
        const key1 = { ...alice, via: 'api-key' as const, keyId: 'k1' };
        await ledger.reserve({ principal: key1, worstCaseTokens: 8000, worstCaseCost: 0 });
        // Same user through another key: the user's 10,000 per day is shared.
        await expect(
          ledger.reserve({ principal: { ...key1, keyId: 'k2' }, worstCaseTokens: 4000, worstCaseCost: 0 }),
        ).rejects.toMatchObject({
          scope: 'user',
        });
        await ledger.reserve({ principal: { ...alice, userId: 'bob' }, worstCaseTokens: 5000, worstCaseCost: 0 });
        await expect(
          ledger.reserve({ principal: { ...alice, userId: 'carol' }, worstCaseTokens: 5000, worstCaseCost: 0 }),
        ).rejects.toMatchObject({
          scope: 'tenant',
          limit: 'tokensPerDay',
        });
      },
    );
  });

  it('an unknown tier gets the fallback tier, never unlimited', async () => {
    await withLedger({}, async (ledger) => {
      const stranger = { ...alice, tier: 'platinum-typo' };
      await expect(
        ledger.reserve({ principal: stranger, worstCaseTokens: 101, worstCaseCost: 0 }),
      ).rejects.toBeInstanceOf(QuotaError);
      await ledger.reserve({ principal: stranger, worstCaseTokens: 100, worstCaseCost: 0 });
    });
  });

  it('releases a reservation never settled once its lease expires; a late settle still records spend once', async () => {
    let clock = Date.UTC(2026, 0, 10, 12);
    await withLedger({ now: () => clock, reservationTtlMs: 60_000 }, async (ledger) => {
      const lost: Reservation = await ledger.reserve({ principal: alice, worstCaseTokens: 10_000, worstCaseCost: 0 });
      await expect(ledger.reserve({ principal: alice, worstCaseTokens: 1, worstCaseCost: 0 })).rejects.toBeInstanceOf(
        QuotaError,
      );
      clock += 61_000;
      const next = await ledger.reserve({ principal: alice, worstCaseTokens: 5000, worstCaseCost: 0 });
      await ledger.settle(lost, { tokens: 300, cost: 0 });
      await ledger.settle(lost, { tokens: 300, cost: 0 });
      await ledger.settle(next, { tokens: 200, cost: 0 });
      expect((await ledger.usage(alice)).find((u) => u.limit === 'tokensPerDay')).toMatchObject({
        used: 500,
        reserved: 0,
      });
    });
  });

  it('starts a new day window at UTC midnight', async () => {
    let clock = Date.UTC(2026, 0, 10, 23, 59);
    await withLedger({ now: () => clock }, async (ledger) => {
      const r = await ledger.reserve({ principal: alice, worstCaseTokens: 10_000, worstCaseCost: 0 });
      await ledger.settle(r, { tokens: 10_000, cost: 0 });
      const error = await ledger
        .reserve({ principal: alice, worstCaseTokens: 1, worstCaseCost: 0 })
        .catch((e: unknown) => e);
      expect((error as QuotaError).retryAfterMs).toBe(60_000);
      clock += 60_000;
      await ledger.reserve({ principal: alice, worstCaseTokens: 10_000, worstCaseCost: 0 });
    });
  });

  it('rejects negative worst cases', async () => {
    await withLedger({}, async (ledger) => {
      await expect(ledger.reserve({ principal: alice, worstCaseTokens: -1, worstCaseCost: 0 })).rejects.toThrow(
        RangeError,
      );
    });
  });
}
