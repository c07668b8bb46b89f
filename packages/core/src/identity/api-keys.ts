import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.js';
import { unauthenticated } from './auth-errors.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { API_KEY_SCOPES, type ApiKeyScope, normalizeRoles, type Principal, type Role } from './principal.js';
import { randomToken } from './random-token.js';
import { sha256Hex } from './sha256-hex.js';

/** Every API key starts with this, so secret scanners can find leaked keys. */
export const API_KEY_PREFIX = 'cc_live_';
const prefixLength = API_KEY_PREFIX.length + 8;
const keyPattern = /^cc_live_[0-9A-Za-z]{40}$/;

/** Input of {@link ApiKeys.create}. */
export interface CreateApiKeyInput {
  tenantId: string;
  userId: string;
  name: string;
  scopes: ApiKeyScope[];
  roles?: Role[];
  tier?: string;
  expiresAt?: Date | null;
}

/** A key as shown to admins: everything but the hash. */
export type ApiKeyInfo = Omit<ApiKeyRecord, 'hash'>;

/** The result of creating a key: `key` is shown once and cannot be recovered. */
export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}

/** API key management and verification over an {@link ApiKeyStore}. */
export interface ApiKeys {
  create(input: CreateApiKeyInput): Promise<CreatedApiKey>;
  /** Resolves a presented key to its principal, or throws 401 (unknown, expired or revoked). */
  verify(key: string): Promise<Principal>;
  revoke(tenantId: string, id: string): Promise<boolean>;
  list(tenantId: string, filter?: { userId?: string }): Promise<ApiKeyInfo[]>;
}

/** True when the string looks like a company-chat API key (cheap routing check, not verification). */
export function isApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

/**
 * API keys for programs. Keys carry 238 bits of randomness, so a single fast SHA-256 is the right hash:
 * slow password hashes (argon2, bcrypt) exist to stop guessing low-entropy secrets, which is hopeless
 * here anyway, and they would put tens of milliseconds of CPU on every API request. Lookup goes by the
 * displayed prefix, then the full hash is compared in constant time. Revocation and expiry are read from
 * the store on every request, so they take effect on the next one.
 *
 * @example
 * ```ts
 * const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
 * const { key } = await apiKeys.create({ tenantId: 't1', userId: 'svc-ci', name: 'CI', scopes: ['chat'] });
 * ```
 */
export function createApiKeys(options: { store: ApiKeyStore; now?: () => Date }): ApiKeys {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  return {
    async create(input) {
      const scopes = API_KEY_SCOPES.filter((scope) => input.scopes.includes(scope));
      if (scopes.length === 0) throw new RangeError('an API key needs at least one known scope');
      const key = API_KEY_PREFIX + randomToken(40);
      const record: ApiKeyRecord = {
        id: crypto.randomUUID(),
        tenantId: input.tenantId,
        userId: input.userId,
        name: input.name.slice(0, 200),
        prefix: key.slice(0, prefixLength),
        hash: await sha256Hex(key),
        scopes,
        roles: normalizeRoles(input.roles ?? ['user']),
        tier: input.tier ?? 'free',
        createdAt: now(),
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
        lastUsedAt: null,
      };
      await store.insert(record);
      const { hash: _hash, ...info } = record;
      return { ...info, key };
    },
    async verify(key) {
      if (!keyPattern.test(key)) throw unauthenticated('api key malformed');
      const hash = await sha256Hex(key);
      const record = (await store.findByPrefix(key.slice(0, prefixLength))).find((candidate) =>
        constantTimeEqual(candidate.hash, hash),
      );
      if (!record) throw unauthenticated('api key unknown');
      const at = now();
      if (record.revokedAt !== null) throw unauthenticated(`api key ${record.id} revoked`);
      if (record.expiresAt !== null && record.expiresAt <= at) throw unauthenticated(`api key ${record.id} expired`);
      void store.touch(record.id, at).catch(() => {});
      return {
        tenantId: record.tenantId,
        userId: record.userId,
        roles: record.roles.length > 0 ? [...record.roles] : ['user'],
        tier: record.tier,
        via: 'api-key',
        scopes: [...record.scopes],
        keyId: record.id,
      };
    },
    revoke: (tenantId, id) => store.revoke(tenantId, id, now()),
    async list(tenantId, filter) {
      return (await store.list(tenantId, filter)).map(({ hash: _hash, ...info }) => info);
    },
  };
}
