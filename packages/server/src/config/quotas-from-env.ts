import { readFileSync } from 'node:fs';
import {
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  createPriceTable,
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
  /** Readiness checks of what the quotas depend on (`redis` with `REDIS_URL`), for `/health/ready`. */
  readiness: Record<string, () => Promise<unknown>>;
  close(): Promise<void>;
}

const limitNames = ['requestsPerMinute', 'concurrentStreams', 'tokensPerDay', 'tokensPerMonth', 'costPerMonth'];

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
 * `{"free":{"requestsPerMinute":10,"concurrentStreams":1,"tokensPerDay":50000,"costPerMonth":1}}`).
 * Unknown tier names get `COMPANY_CHAT_FALLBACK_TIER` (default `free`), which must exist.
 * `COMPANY_CHAT_PRICES` overrides model prices (`{"gpt-4o-mini":{"inputPerMillion":0.15,"outputPerMillion":0.6}}`).
 * With `REDIS_URL`, budgets and rates are shared by every instance (budgets fail closed while Redis is
 * down; request rates fall back to per-instance memory); without it they live in this process.
 */
export async function quotasFromEnv(env: Env): Promise<QuotasFromEnv> {
  const prices: PriceTable = createPriceTable((readJson(env, 'COMPANY_CHAT_PRICES') as PriceTable | undefined) ?? {});
  const rawTiers = readJson(env, 'COMPANY_CHAT_TIERS');
  if (rawTiers === undefined) {
    return {
      quotas: { prices },
      summary: 'off (set COMPANY_CHAT_TIERS to enforce limits); usage and cost are still recorded',
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
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    const { connectRedis, createRedisQuotaLedger, createRedisRateLimiter } = await import('@company-chat/core/redis');
    const redis = await connectRedis(redisUrl);
    return {
      quotas: {
        tiers,
        prices,
        ledger: createRedisQuotaLedger({ ...config, redis }),
        rateLimiter: createRedisRateLimiter({ ...config, redis }),
      },
      summary: `tiers ${Object.keys(tiers).join(', ')} in Redis at ${new URL(redisUrl).host}`,
      readiness: { redis: () => redis.ping() },
      close: async () => void (await redis.quit().catch(() => redis.disconnect())),
    };
  }
  return {
    quotas: {
      tiers,
      prices,
      ledger: createMemoryQuotaLedger(config),
      rateLimiter: createMemoryRateLimiter(config),
    },
    summary: `tiers ${Object.keys(tiers).join(', ')} in memory (one instance; set REDIS_URL for several)`,
    readiness: {},
    close: async () => {},
  };
}
