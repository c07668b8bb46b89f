import { luaScript } from './run-lua-script.js';

// Every key of one tenant shares the hash tag `{tenant}`, so these scripts also run on Redis Cluster.
// Expiry times are computed from the caller's clock and applied relatively (PEXPIRE), so a clock
// skew between app servers and Redis cannot delete live keys.
// The sweep touches reservation keys it discovers (not declared in KEYS); they are in the same slot.

/** Releases the budget of reservations whose lease expired (the process that held them died). */
const sweep = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, id in ipairs(expired) do
  local rkey = ARGV[5] .. id
  local raw = redis.call('GET', rkey)
  if raw then
    local rec = cjson.decode(raw)
    if rec.a == 1 then
      for _, c in ipairs(rec.c) do redis.call('HINCRBY', c[1], 'r', 0 - tonumber(c[3])) end
      rec.a = 0
      redis.call('SET', rkey, cjson.encode(rec), 'KEEPTTL')
    end
  end
  redis.call('ZREM', KEYS[1], id)
end
`;

/**
 * KEYS: expiry zset, reservation key, counter hashes (fields s = spent, r = reserved).
 * ARGV: now, id, expiresAt, recordTtlMs, reservation key prefix, record JSON, then per counter
 * (amount, max or -1, expire-at time of the counter key). Returns {0} when admitted, else {index of the full counter, spent}.
 */
export const reserveScript = luaScript(`${sweep}
local n = (#ARGV - 6) / 3
for i = 1, n do
  local base = 6 + (i - 1) * 3
  local max = tonumber(ARGV[base + 2])
  if max >= 0 then
    local v = redis.call('HMGET', KEYS[2 + i], 's', 'r')
    local s = tonumber(v[1] or '0')
    local r = tonumber(v[2] or '0')
    if s + r + tonumber(ARGV[base + 1]) > max then return {i, s} end
  end
end
for i = 1, n do
  local base = 6 + (i - 1) * 3
  redis.call('HINCRBY', KEYS[2 + i], 'r', ARGV[base + 1])
  redis.call('PEXPIRE', KEYS[2 + i], math.max(1000, tonumber(ARGV[base + 3]) - tonumber(ARGV[1])))
end
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
return {0, 0}
`);

/**
 * KEYS: expiry zset, reservation key. ARGV: id, actual tokens, actual micro-dollars, now.
 * Releases what the reservation still holds and adds the real usage; a second settle finds no record.
 */
export const settleScript = luaScript(`
local raw = redis.call('GET', KEYS[2])
if not raw then return 0 end
local rec = cjson.decode(raw)
for _, c in ipairs(rec.c) do
  if rec.a == 1 then redis.call('HINCRBY', c[1], 'r', 0 - tonumber(c[3])) end
  redis.call('HINCRBY', c[1], 's', c[2] == 't' and ARGV[2] or ARGV[3])
  redis.call('PEXPIRE', c[1], math.max(1000, tonumber(c[4]) - tonumber(ARGV[4])))
end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
`);

/**
 * Fixed windows for every subject at once. KEYS: window counters; ARGV: their limits, then the window
 * length in ms. Returns {0, 0} when admitted, else {index of the full subject, ms until its window ends}.
 */
export const hitScript = luaScript(`
local window = tonumber(ARGV[#KEYS + 1])
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = window end
    return {i, ttl}
  end
end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, window) end
end
return {0, 0}
`);

/**
 * Concurrent-stream leases in sorted sets scored by expiry. KEYS: lease sets; ARGV: now, lease id,
 * lease expiry, then the limits. Returns 0 when admitted, else the index of the full subject.
 */
export const acquireStreamScript = luaScript(`
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[1])
  if redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then return i end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[3], ARGV[2])
  redis.call('PEXPIRE', key, tonumber(ARGV[3]) - tonumber(ARGV[1]))
end
return 0
`);
