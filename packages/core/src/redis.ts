// Entry `@company-chat/core/redis`: Node-only (ioredis), kept out of the main entry. Install `ioredis`.
export { connectRedis } from './quotas/redis/connect-redis.js';
export { createRedisLoginThrottle, type RedisLoginThrottleOptions } from './quotas/redis/redis-login-throttle.js';
export { createRedisQuotaLedger, type RedisQuotaLedgerOptions } from './quotas/redis/redis-quota-ledger.js';
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './quotas/redis/redis-rate-limiter.js';
