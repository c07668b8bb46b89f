/** The roles company-chat knows. Anything else in a token is ignored rather than trusted. */
export type Role = 'user' | 'admin' | 'auditor';

/** All known roles, for validating role claims. */
export const ROLES: readonly Role[] = ['user', 'admin', 'auditor'];

/** How a request proved who it is. */
export type AuthMethod = 'jwt' | 'api-key' | 'widget-token' | 'session' | 'dev';

/**
 * What a credential may be used for: `chat` (conversations, answers, models), `files` (the knowledge
 * base), `admin` (the admin API, with the admin or auditor role), `widget-tokens` (minting widget
 * tokens, with the admin role) and `gateway` (the OpenAI-compatible `/v1` API). API keys carry the
 * scopes they were created with.
 */
export type ApiKeyScope = 'chat' | 'files' | 'admin' | 'widget-tokens' | 'gateway';

/** All known API key scopes. */
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['chat', 'files', 'admin', 'widget-tokens', 'gateway'];

/** What a widget token may do: it lives in a browser, so it chats and manages its user's files, nothing else. */
export const WIDGET_TOKEN_SCOPES: readonly ApiKeyScope[] = ['chat', 'files'];

/**
 * The authenticated caller of one request. Every limit, ownership check and audit record is keyed by
 * these fields, never by anything else the request says about itself.
 */
export interface Principal {
  tenantId: string;
  userId: string;
  roles: Role[];
  /** Name of the quota tier (see `quotas/tiers.ts`). */
  tier: string;
  via: AuthMethod;
  /** Set for API keys only: what the key may do (see `scopesOf()` for every credential). */
  scopes?: ApiKeyScope[];
  /** Set for API keys only: the key's id (limits may apply per key). */
  keyId?: string;
  /** Set for built-in account sessions: the refresh-token family, so logout ends the session at once. */
  sessionId?: string;
}

/** Keeps only known roles, without duplicates, in a stable order. */
export function normalizeRoles(value: unknown): Role[] {
  const list = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return ROLES.filter((role) => list.includes(role));
}
