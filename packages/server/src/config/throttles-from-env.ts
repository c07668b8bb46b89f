import { createMemoryLoginThrottle, type Instrumentation, type Logger } from '@company-chat/core';
import {
  type ChatAppAuthOptions,
  DEFAULT_AUTH_REQUESTS_PER_MINUTE,
  DEFAULT_WIDGET_TOKEN_REQUESTS_PER_MINUTE,
} from '../identity/chat-app-auth.js';
import { ConfigError, type Env } from './config-from-env.js';

/** The throttles of the unauthenticated routes from the environment, a summary line and what to close. */
export interface ThrottlesFromEnv {
  auth: Required<
    Pick<ChatAppAuthOptions, 'loginThrottle' | 'trustProxy' | 'authRequestsPerMinute' | 'widgetTokenRequestsPerMinute'>
  >;
  summary: string;
  close(): Promise<void>;
}

function count(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number ≥ 0, got ${JSON.stringify(raw)}.`);
  return Number(raw);
}

/**
 * Reads the sign-in throttle and the per-address limits of the routes that need no credentials:
 * `COMPANY_CHAT_TRUST_PROXY` (proxies in front that append to `X-Forwarded-For`; default 0, the header
 * is ignored), `COMPANY_CHAT_AUTH_REQUESTS_PER_MINUTE` (login, refresh, logout; default 120) and
 * `COMPANY_CHAT_WIDGET_TOKEN_REQUESTS_PER_MINUTE` (default 600), per client address and minute, 0 = off.
 * With `REDIS_URL` they are counted in Redis, shared by every instance (per process while Redis is down,
 * logged); without it in this process.
 */
export async function throttlesFromEnv(
  env: Env,
  options: { logger?: Logger; instrumentation?: Instrumentation } = {},
): Promise<ThrottlesFromEnv> {
  const trustProxy = count(env, 'COMPANY_CHAT_TRUST_PROXY', 0);
  const limits = {
    trustProxy,
    authRequestsPerMinute: count(env, 'COMPANY_CHAT_AUTH_REQUESTS_PER_MINUTE', DEFAULT_AUTH_REQUESTS_PER_MINUTE),
    widgetTokenRequestsPerMinute: count(
      env,
      'COMPANY_CHAT_WIDGET_TOKEN_REQUESTS_PER_MINUTE',
      DEFAULT_WIDGET_TOKEN_REQUESTS_PER_MINUTE,
    ),
  };
  const client =
    trustProxy > 0 ? `the client is ${trustProxy} hop(s) left in X-Forwarded-For` : 'X-Forwarded-For ignored';
  const per = `${limits.authRequestsPerMinute}/min sign-in and ${limits.widgetTokenRequestsPerMinute}/min widget-token requests per address`;
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    const { connectRedis, createRedisLoginThrottle } = await import('@company-chat/core/redis');
    const redis = await connectRedis(redisUrl);
    return {
      auth: { ...limits, loginThrottle: createRedisLoginThrottle({ redis, ...options }) },
      summary: `in Redis at ${new URL(redisUrl).host}; ${per}; ${client}`,
      close: async () => void (await redis.quit().catch(() => redis.disconnect())),
    };
  }
  return {
    auth: { ...limits, loginThrottle: createMemoryLoginThrottle() },
    summary: `in memory (one instance; set REDIS_URL for several); ${per}; ${client}`,
    close: async () => {},
  };
}
