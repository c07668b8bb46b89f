import { luaScript } from './run-lua-script.js';

// Timestamps are formatted with %.0f: Lua 5.1 would print large numbers in exponent form.
const backoff = `
local function backoff(excess)
  local d = tonumber(ARGV[4]) * (2 ^ math.min(excess, 40))
  local m = tonumber(ARGV[5])
  if d > m then return m end
  return d
end
local function fail(key, threshold)
  local n = redis.call('HINCRBY', key, 'n', 1)
  if n >= threshold then
    redis.call('HSET', key, 'until', string.format('%.0f', now + backoff(n - threshold)))
  end
  redis.call('PEXPIRE', key, ARGV[6])
end
`;

/**
 * KEYS: pair (account × address), account, good address. ARGV: now, address threshold, account
 * threshold, base delay, max delay, failure TTL. Returns {0, 0} (go), {1, ms} (pair locked) or
 * {2, ms} (account locked for an address that is not good).
 */
export const loginAttemptScript = luaScript(`
local now = tonumber(ARGV[1])
${backoff}
local pairUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if pairUntil > now then return {1, pairUntil - now} end
local good = redis.call('EXISTS', KEYS[3]) == 1
local accountUntil = tonumber(redis.call('HGET', KEYS[2], 'until') or '0')
if (not good) and accountUntil > now then return {2, accountUntil - now} end
fail(KEYS[1], tonumber(ARGV[2]))
fail(KEYS[2], tonumber(ARGV[3]))
return {0, 0}
`);

/**
 * KEYS: pair, account, good address. ARGV: account threshold, good-address TTL, remember (1/0).
 * Clears the pair, takes this attempt's own count off the account, remembers the address as good.
 */
export const loginSucceededScript = luaScript(`
redis.call('DEL', KEYS[1])
local n = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
if n > 0 then n = redis.call('HINCRBY', KEYS[2], 'n', -1) end
if n < tonumber(ARGV[1]) then redis.call('HDEL', KEYS[2], 'until') end
if ARGV[3] == '1' then redis.call('SET', KEYS[3], '1', 'PX', ARGV[2]) end
return 0
`);

/** KEYS: the window's counter. ARGV: limit, TTL. Returns the count after this hit. */
export const addressHitScript = luaScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return n
`);
