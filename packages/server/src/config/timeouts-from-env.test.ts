import { describe, expect, it } from 'vitest';
import { dbTimeoutsFromEnv, leaseFromEnv, providerTimeoutsFromEnv } from './timeouts-from-env.js';

describe('timeouts from the environment', () => {
  it('has documented defaults for the provider deadlines and reads overrides', () => {
    expect(providerTimeoutsFromEnv({})).toEqual({ firstTokenTimeoutMs: 30_000, idleTimeoutMs: 30_000 });
    expect(
      providerTimeoutsFromEnv({
        COMPANY_CHAT_PROVIDER_FIRST_TOKEN_TIMEOUT_MS: '90000',
        COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS: '0',
      }),
    ).toEqual({ firstTokenTimeoutMs: 90_000, idleTimeoutMs: 0 });
  });

  it('passes only the database timeouts that are set (the pool has the defaults)', () => {
    expect(dbTimeoutsFromEnv({})).toEqual({});
    expect(
      dbTimeoutsFromEnv({
        COMPANY_CHAT_DB_CONNECT_TIMEOUT_MS: '2000',
        COMPANY_CHAT_DB_QUERY_TIMEOUT_MS: ' 8000 ',
        COMPANY_CHAT_DB_STATEMENT_TIMEOUT_MS: '6000',
      }),
    ).toEqual({ connectTimeoutMs: 2_000, queryTimeoutMs: 8_000, statementTimeoutMs: 6_000 });
  });

  it('reads the answer lease and the sweep interval', () => {
    expect(leaseFromEnv({})).toEqual({});
    expect(leaseFromEnv({ COMPANY_CHAT_ANSWER_LEASE_MS: '20000', COMPANY_CHAT_SWEEP_INTERVAL_MS: '0' })).toEqual({
      lockTtlMs: 20_000,
      sweepIntervalMs: 0,
    });
  });

  it.each([
    ['COMPANY_CHAT_DB_QUERY_TIMEOUT_MS', '5s', /whole number of milliseconds/],
    ['COMPANY_CHAT_DB_CONNECT_TIMEOUT_MS', '-1', /whole number of milliseconds/],
    ['COMPANY_CHAT_ANSWER_LEASE_MS', '0', /more than 0/],
  ])('refuses %s=%s', (name, value, message) => {
    const read = () => ({ ...dbTimeoutsFromEnv({ [name]: value }), ...leaseFromEnv({ [name]: value }) });
    expect(read).toThrow(message);
  });
});
