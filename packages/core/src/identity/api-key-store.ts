import type { ApiKeyScope, Role } from './principal.js';

/** An API key as stored: only the hash of the secret, never the key itself. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  /** The user (or service account) the key acts as. */
  userId: string;
  name: string;
  /** First characters of the key (`cc_live_` + 8), indexed for lookup and safe to display. */
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  hash: string;
  scopes: ApiKeyScope[];
  roles: Role[];
  tier: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Where API keys live. Implementations: memory (here), SQL (`sql/`). */
export interface ApiKeyStore {
  insert(record: ApiKeyRecord): Promise<void>;
  /** Every key with this prefix (normally one; prefixes may collide). */
  findByPrefix(prefix: string): Promise<ApiKeyRecord[]>;
  get(tenantId: string, id: string): Promise<ApiKeyRecord | null>;
  list(tenantId: string, filter?: { userId?: string }): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; false when it does not exist in this tenant. */
  revoke(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Records use, best effort (callers do not await it on the hot path). */
  touch(id: string, at: Date): Promise<void>;
}
