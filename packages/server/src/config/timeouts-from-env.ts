import type { PgTimeouts } from '@company-chat/core/postgres';
import { ConfigError, type Env } from './config-from-env.js';

/** Provider stream deadlines the server uses when the environment does not set them, in ms. */
export const DEFAULT_PROVIDER_TIMEOUTS = { firstTokenTimeoutMs: 30_000, idleTimeoutMs: 30_000 };

/** Reads a duration in ms (a whole number ≥ 0; 0 turns the limit off); undefined when unset. */
export function msFromEnv(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw))
    throw new ConfigError(`${name} must be a whole number of milliseconds, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/**
 * `COMPANY_CHAT_PROVIDER_FIRST_TOKEN_TIMEOUT_MS` (default 30 000: also covers a provider that never sends
 * headers) and `COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS` (default 30 000: silence once tokens flow).
 */
export function providerTimeoutsFromEnv(env: Env): { firstTokenTimeoutMs: number; idleTimeoutMs: number } {
  return {
    firstTokenTimeoutMs:
      msFromEnv(env, 'COMPANY_CHAT_PROVIDER_FIRST_TOKEN_TIMEOUT_MS') ?? DEFAULT_PROVIDER_TIMEOUTS.firstTokenTimeoutMs,
    idleTimeoutMs: msFromEnv(env, 'COMPANY_CHAT_PROVIDER_IDLE_TIMEOUT_MS') ?? DEFAULT_PROVIDER_TIMEOUTS.idleTimeoutMs,
  };
}

/**
 * PostgreSQL pool limits: `COMPANY_CHAT_DB_CONNECT_TIMEOUT_MS`, `COMPANY_CHAT_DB_QUERY_TIMEOUT_MS` and
 * `COMPANY_CHAT_DB_STATEMENT_TIMEOUT_MS` (defaults in `DEFAULT_PG_TIMEOUTS`: 5 000, 20 000, 15 000).
 */
export function dbTimeoutsFromEnv(env: Env): PgTimeouts {
  const timeouts: PgTimeouts = {};
  const connect = msFromEnv(env, 'COMPANY_CHAT_DB_CONNECT_TIMEOUT_MS');
  const query = msFromEnv(env, 'COMPANY_CHAT_DB_QUERY_TIMEOUT_MS');
  const statement = msFromEnv(env, 'COMPANY_CHAT_DB_STATEMENT_TIMEOUT_MS');
  if (connect !== undefined) timeouts.connectTimeoutMs = connect;
  if (query !== undefined) timeouts.queryTimeoutMs = query;
  if (statement !== undefined) timeouts.statementTimeoutMs = statement;
  return timeouts;
}

/**
 * How long an answer's lease (its conversation lock) lives without renewal, `COMPANY_CHAT_ANSWER_LEASE_MS`
 * (default 60 000), and how often the sweep looks for expired ones, `COMPANY_CHAT_SWEEP_INTERVAL_MS`
 * (default 30 000).
 */
export function leaseFromEnv(env: Env): { lockTtlMs?: number; sweepIntervalMs?: number } {
  const lockTtlMs = msFromEnv(env, 'COMPANY_CHAT_ANSWER_LEASE_MS');
  const sweepIntervalMs = msFromEnv(env, 'COMPANY_CHAT_SWEEP_INTERVAL_MS');
  if (lockTtlMs === 0) throw new ConfigError('COMPANY_CHAT_ANSWER_LEASE_MS must be more than 0.');
  return {
    ...(lockTtlMs === undefined ? {} : { lockTtlMs }),
    ...(sweepIntervalMs === undefined ? {} : { sweepIntervalMs }),
  };
}
