import {
  type AsymmetricAlgorithm,
  type ChatModel,
  createAccounts,
  createApiKeys,
  createMemoryAccountStore,
  createMemoryApiKeyStore,
  createMemoryAuditLog,
  createMemoryUsageLog,
  createMemoryUserDirectory,
  createSqlAccountStore,
  createSqlApiKeyStore,
  createSqlAuditLog,
  createSqlUsageLog,
  createSqlUserDirectory,
  type HmacAlgorithm,
  type JwtVerifierOptions,
  type SqlClient,
  type UsageLog,
} from '@company-chat/core';
import type { ChatAppAuthOptions } from '../identity/chat-app-auth.js';
import { ADMIN_KEY_COMMAND } from './admin-key-command.js';
import { ConfigError, type Env } from './config-from-env.js';

/** Identity, usage and audit from the environment, and lines for the start-up log. */
export interface IdentityFromEnv {
  auth: ChatAppAuthOptions;
  usage: UsageLog;
  /** True when any credential other than the dev header is configured. */
  configured: boolean;
  /** What is enabled, for the start-up log (never contains secrets). */
  summary: string[];
}

const value = (env: Env, name: string) => env[name]?.trim() || undefined;
const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
/** What `COMPANY_CHAT_ADMIN_KEY` must look like. */
export const ADMIN_KEY_PATTERN = /^cc_live_[0-9A-Za-z]{40}$/;

const identityVariables = [
  'COMPANY_CHAT_JWT_SECRET',
  'COMPANY_CHAT_JWKS_URL',
  'COMPANY_CHAT_WIDGET_SECRET',
  'COMPANY_CHAT_ACCOUNTS_SECRET',
  'COMPANY_CHAT_ADMIN_KEY',
] as const;

/** The identity variables that are set (names only), read before anything is opened. */
export function identityVariablesSet(env: Env): string[] {
  return identityVariables.filter((name) => value(env, name) !== undefined);
}

/**
 * Reads identity configuration:
 * - `COMPANY_CHAT_JWT_SECRET` (HS256/384/512) or `COMPANY_CHAT_JWKS_URL` (+ `COMPANY_CHAT_JWT_ALGORITHMS`,
 *   default RS256), with `COMPANY_CHAT_JWT_ISSUER`, `COMPANY_CHAT_JWT_AUDIENCE`,
 *   `COMPANY_CHAT_JWT_TENANT_CLAIM` (or `COMPANY_CHAT_JWT_TENANT` for one tenant), `..._ROLES_CLAIM`, `..._TIER_CLAIM`;
 * - `COMPANY_CHAT_WIDGET_SECRET`: widget tokens and `POST /api/v1/widget-tokens`;
 * - `COMPANY_CHAT_ACCOUNTS_SECRET`: built-in email + password accounts (access-token secret);
 * - `COMPANY_CHAT_ADMIN_KEY`: an API key (`cc_live_` + 40 letters/digits) made an admin key of tenant
 *   `COMPANY_CHAT_ADMIN_TENANT` (default `default`) at start, to bootstrap the admin API.
 * API keys are always accepted. Stores are SQL when `sql` is given (same database as conversations).
 */
export async function identityFromEnv(env: Env, sql: SqlClient | null): Promise<IdentityFromEnv> {
  const summary: string[] = [];
  const jwt: JwtVerifierOptions[] = [];
  const common = {
    ...(value(env, 'COMPANY_CHAT_JWT_ISSUER') ? { issuer: value(env, 'COMPANY_CHAT_JWT_ISSUER') as string } : {}),
    ...(value(env, 'COMPANY_CHAT_JWT_AUDIENCE') ? { audience: value(env, 'COMPANY_CHAT_JWT_AUDIENCE') as string } : {}),
    claims: {
      ...(value(env, 'COMPANY_CHAT_JWT_USER_CLAIM') ? { userId: value(env, 'COMPANY_CHAT_JWT_USER_CLAIM') } : {}),
      ...(value(env, 'COMPANY_CHAT_JWT_TENANT_CLAIM')
        ? { tenantClaim: value(env, 'COMPANY_CHAT_JWT_TENANT_CLAIM') }
        : { tenant: value(env, 'COMPANY_CHAT_JWT_TENANT') ?? 'default' }),
      ...(value(env, 'COMPANY_CHAT_JWT_ROLES_CLAIM') ? { roles: value(env, 'COMPANY_CHAT_JWT_ROLES_CLAIM') } : {}),
      ...(value(env, 'COMPANY_CHAT_JWT_TIER_CLAIM') ? { tier: value(env, 'COMPANY_CHAT_JWT_TIER_CLAIM') } : {}),
    },
  };
  const jwtSecret = value(env, 'COMPANY_CHAT_JWT_SECRET');
  if (jwtSecret) {
    if (jwtSecret.length < 32) throw new ConfigError('COMPANY_CHAT_JWT_SECRET must be at least 32 characters.');
    const algorithms = list(value(env, 'COMPANY_CHAT_JWT_ALGORITHMS')) ?? ['HS256'];
    jwt.push({ secret: jwtSecret, algorithms: algorithms as HmacAlgorithm[], ...common });
    summary.push(`JWTs (${algorithms.join(', ')} with a shared secret)`);
  }
  const jwksUrl = value(env, 'COMPANY_CHAT_JWKS_URL');
  if (jwksUrl) {
    const algorithms = (list(value(env, 'COMPANY_CHAT_JWT_ALGORITHMS')) ?? ['RS256']).filter(
      (a) => !a.startsWith('HS'),
    );
    jwt.push({ jwksUrl, algorithms: algorithms as AsymmetricAlgorithm[], ...common });
    summary.push(`JWTs (${algorithms.join(', ')} from ${new URL(jwksUrl).origin})`);
  }
  if (jwt.length > 0 && !common.issuer) summary.push('warning: COMPANY_CHAT_JWT_ISSUER is not set');

  const widgetSecret = value(env, 'COMPANY_CHAT_WIDGET_SECRET');
  if (widgetSecret && widgetSecret.length < 32) {
    throw new ConfigError('COMPANY_CHAT_WIDGET_SECRET must be at least 32 characters.');
  }
  const tenantOrigins = parseTenantOrigins(value(env, 'COMPANY_CHAT_TENANT_ORIGINS'));
  if (widgetSecret) summary.push(tenantOrigins ? 'widget tokens (per-tenant origin allowlist)' : 'widget tokens');

  const apiKeyStore = sql ? createSqlApiKeyStore(sql) : createMemoryApiKeyStore();
  const apiKeys = createApiKeys({ store: apiKeyStore });
  summary.push('API keys');

  const accountsSecret = value(env, 'COMPANY_CHAT_ACCOUNTS_SECRET');
  const accountStore = sql ? createSqlAccountStore(sql) : createMemoryAccountStore();
  if (accountsSecret && accountsSecret.length < 32) {
    throw new ConfigError('COMPANY_CHAT_ACCOUNTS_SECRET must be at least 32 characters.');
  }
  const accounts = accountsSecret ? createAccounts({ store: accountStore, secret: accountsSecret }) : undefined;
  if (accounts) summary.push('built-in accounts (/api/v1/auth/login)');

  const users = sql ? createSqlUserDirectory(sql) : createMemoryUserDirectory();
  const audit = sql ? createSqlAuditLog(sql) : createMemoryAuditLog();
  const usage = sql ? createSqlUsageLog(sql) : createMemoryUsageLog();

  const adminKey = value(env, 'COMPANY_CHAT_ADMIN_KEY');
  if (adminKey) {
    if (!ADMIN_KEY_PATTERN.test(adminKey)) {
      throw new ConfigError(
        `COMPANY_CHAT_ADMIN_KEY must be cc_live_ followed by 40 letters or digits, e.g. from: ${ADMIN_KEY_COMMAND}`,
      );
    }
    const tenantId = value(env, 'COMPANY_CHAT_ADMIN_TENANT') ?? 'default';
    await bootstrapAdminKey(apiKeyStore, adminKey, tenantId);
    await users.ensure({ tenantId, id: 'admin', roles: ['user', 'admin'], tier: 'enterprise' });
    summary.push(`bootstrap admin key for tenant ${tenantId}`);
  }

  const configured = jwt.length > 0 || Boolean(widgetSecret || accountsSecret || adminKey);
  return {
    auth: {
      ...(jwt.length > 0 ? { jwt } : {}),
      ...(widgetSecret
        ? {
            widgetTokens: {
              secret: widgetSecret,
              // A tenant listed here only accepts widget traffic from its own origins.
              ...(tenantOrigins ? { allowedOrigins: (tenantId: string) => tenantOrigins[tenantId] } : {}),
            },
          }
        : {}),
      apiKeys,
      ...(accounts ? { accounts, accountStore } : {}),
      users,
      audit,
    },
    usage,
    configured,
    summary,
  };
}

/** `COMPANY_CHAT_TENANT_ORIGINS`: JSON `{ "<tenant>": ["https://intranet.example.com"] }`. */
function parseTenantOrigins(raw: string | undefined): Record<string, string[]> | undefined {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('COMPANY_CHAT_TENANT_ORIGINS must be JSON: {"<tenant>": ["https://..."]}.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('COMPANY_CHAT_TENANT_ORIGINS must be an object of tenant → origins.');
  }
  const result: Record<string, string[]> = Object.create(null);
  for (const [tenant, origins] of Object.entries(parsed)) {
    if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string' && URL.canParse(o))) {
      throw new ConfigError(`COMPANY_CHAT_TENANT_ORIGINS.${tenant} must be a list of origins.`);
    }
    result[tenant] = origins.map((o) => new URL(o).origin);
  }
  return result;
}

async function bootstrapAdminKey(
  store: ReturnType<typeof createMemoryApiKeyStore>,
  key: string,
  tenantId: string,
): Promise<void> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const prefix = key.slice(0, 16);
  if ((await store.findByPrefix(prefix)).some((record) => record.hash === hash)) return;
  await store.insert({
    id: crypto.randomUUID(),
    tenantId,
    userId: 'admin',
    name: 'bootstrap admin key (COMPANY_CHAT_ADMIN_KEY)',
    prefix,
    hash,
    scopes: ['chat', 'files', 'admin'],
    roles: ['user', 'admin'],
    tier: 'enterprise',
    createdAt: new Date(),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
  });
}

/** Worst case reserved per answer: the model's context window bounds prompt + output. */
export function worstCaseFromModels(models: Record<string, ChatModel>, env: Env) {
  const promptOverride = Number(value(env, 'COMPANY_CHAT_QUOTA_PROMPT_TOKENS') ?? Number.NaN);
  return (info: { id: string }) => {
    const model = models[info.id];
    const maxOutputTokens = model?.maxOutputTokens ?? 1024;
    const contextWindow = model?.contextWindow ?? 8192;
    const promptTokens = Number.isFinite(promptOverride)
      ? promptOverride
      : Math.max(contextWindow - maxOutputTokens, 0);
    return { promptTokens, maxOutputTokens };
  };
}
