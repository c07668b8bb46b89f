import { readFileSync } from 'node:fs';
import {
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  createPriceTable,
  type Instrumentation,
  type Logger,
  type PriceTable,
  type TierLimits,
  type Tiers,
} from '@company-chat/core';
import type { ChatAppQuotaOptions } from '../quotas/chat-app-quotas.js';
import { ConfigError, type Env } from './config-from-env.js';

/** Quota configuration from the environment, a summary line and what to close on shutdown. */
export interface QuotasFromEnv {
  quotas: ChatAppQuotaOptions;
  summary: string;
  /** Deprecated settings and the like, for the start-up log. */
  warnings: string[];
  /** Readiness checks of what the quotas depend on (`redis` with `REDIS_URL`), for `/health/ready`. */
  readiness: Record<string, () => Promise<unknown>>;
  close(): Promise<void>;
}

const limitNames = [
  'messagesPerMinute',
  'uploadsPerHour',
  'requestsPerMinute',
  'concurrentStreams',
  'tokensPerDay',
  'tokensPerMonth',
  'costPerMonth',
];

/** The start-up warning for tiers that still use `requestsPerMinute`, or none. */
export function deprecatedTierWarning(tiers: Tiers, name = 'COMPANY_CHAT_TIERS'): string | undefined {
  const old = Object.keys(tiers).filter((tier) => tiers[tier]?.requestsPerMinute !== undefined);
  if (old.length === 0) return undefined;
  return (
    `${name}: requestsPerMinute (tiers ${old.join(', ')}) is deprecated and read as messagesPerMinute, which ` +
    'counts messages (send, regenerate, edit) only, not every request; rename it.'
  );
}

/** `COMPANY_CHAT_ADDRESS_REQUESTS_PER_MINUTE`: a whole number ≥ 0, or undefined for the default. */
function addressCeiling(env: Env): number | undefined {
  const raw = env.COMPANY_CHAT_ADDRESS_REQUESTS_PER_MINUTE?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new ConfigError(
      `COMPANY_CHAT_ADDRESS_REQUESTS_PER_MINUTE must be a whole number ≥ 0, got ${JSON.stringify(raw)}.`,
    );
  }
  return Number(raw);
}

/** Reads JSON given inline (starts with `{`) or as a file path. */
function readJson(env: Env, name: string): unknown {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    return JSON.parse(raw.startsWith('{') ? raw : readFileSync(raw, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${name} must be JSON or the path of a JSON file: ${(error as Error).message}`);
  }
}

/** Validates `{ "<tier>": { "<limit>": number ≥ 0, ... } }`. */
export function parseTiers(input: unknown, name = 'COMPANY_CHAT_TIERS'): Tiers {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(`${name} must be an object of tiers.`);
  }
  const tiers: Tiers = {};
  for (const [tier, limits] of Object.entries(input)) {
    if (typeof limits !== 'object' || limits === null) throw new ConfigError(`${name}.${tier} must be an object.`);
    const parsed: TierLimits = {};
    for (const [limit, v] of Object.entries(limits)) {
      if (!limitNames.includes(limit)) {
        throw new ConfigError(`${name}.${tier}.${limit} is not a limit (${limitNames.join(', ')}).`);
      }
      if (typeof v !== 'number' || !(v >= 0)) throw new ConfigError(`${name}.${tier}.${limit} must be a number ≥ 0.`);
      parsed[limit as keyof TierLimits] = v;
    }
    tiers[tier] = parsed;
  }
  return tiers;
}

/**
 * Quotas are off unless `COMPANY_CHAT_TIERS` is set (JSON, or the path of a JSON file, of tiers:
 * `{"free":{"messagesPerMinute":10,"uploadsPerHour":20,"concurrentStreams":1,"tokensPerDay":50000,"costPerMonth":1}}`;
 * `requestsPerMinute` is read as `messagesPerMinute`, with a warning). With them, one client address may
 * make `COMPANY_CHAT_ADDRESS_REQUESTS_PER_MINUTE` requests a minute (default 1000, 0 = off).
 * Unknown tier names get `COMPANY_CHAT_FALLBACK_TIER` (default `free`), which must exist.
 * `COMPANY_CHAT_PRICES` overrides model prices (`{"gpt-4o-mini":{"inputPerMillion":0.15,"outputPerMillion":0.6}}`).
 * With `REDIS_URL`, budgets and rates are shared by every instance (budgets fail closed while Redis is
 * down; request rates fall back to per-instance memory); without it they live in this process. Both
 * are reported to `logger` when they happen (the CLI passes its log).
 */
export async function quotasFromEnv(
  env: Env,
  options: { logger?: Logger; instrumentation?: Instrumentation } = {},
): Promise<QuotasFromEnv> {
  const prices: PriceTable = createPriceTable((readJson(env, 'COMPANY_CHAT_PRICES') as PriceTable | undefined) ?? {});
  const rawTiers = readJson(env, 'COMPANY_CHAT_TIERS');
  if (rawTiers === undefined) {
    return {
      quotas: { prices },
      summary: 'off (set COMPANY_CHAT_TIERS to enforce limits); usage and cost are still recorded',
      warnings: [],
      readiness: {},
      close: async () => {},
    };
  }
  const tiers = parseTiers(rawTiers);
  const fallbackTier = env.COMPANY_CHAT_FALLBACK_TIER?.trim() || 'free';
  if (!Object.hasOwn(tiers, fallbackTier)) {
    throw new ConfigError(`COMPANY_CHAT_TIERS has no "${fallbackTier}" tier (the fallback for unknown tiers).`);
  }
  const config = { tiers, fallbackTier };
  const perAddress = addressCeiling(env);
  const common = { tiers, prices, ...(perAddress === undefined ? {} : { requestsPerMinutePerAddress: perAddress }) };
  const warning = deprecatedTierWarning(tiers);
  const warnings = warning ? [warning] : [];
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    const { connectRedis, createRedisQuotaLedger, createRedisRateLimiter } = await import('@company-chat/core/redis');
    const redis = await connectRedis(redisUrl);
    return {
      quotas: {
        ...common,
        ledger: createRedisQuotaLedger({ ...config, redis, ...options }),
        rateLimiter: createRedisRateLimiter({ ...config, redis, ...options }),
      },
      summary: `tiers ${Object.keys(tiers).join(', ')} in Redis at ${new URL(redisUrl).host}`,
      warnings,
      readiness: { redis: () => redis.ping() },
      close: async () => void (await redis.quit().catch(() => redis.disconnect())),
    };
  }
  return {
    quotas: {
      ...common,
      ledger: createMemoryQuotaLedger(config),
      rateLimiter: createMemoryRateLimiter(config),
    },
    summary: `tiers ${Object.keys(tiers).join(', ')} in memory (one instance; set REDIS_URL for several)`,
    warnings,
    readiness: {},
    close: async () => {},
  };
}
