import {
  type AccountStore,
  type ApiKeyStore,
  type ChatModel,
  createAccounts,
  createApiKeys,
  createMemoryAccountStore,
  createMemoryApiKeyStore,
  createMemoryAuditLog,
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  createMemoryUsageLog,
  createMemoryUserDirectory,
  type Embedder,
  type KnowledgeBase,
  mintWidgetToken,
  type Role,
  type Tiers,
  type UserDirectory,
} from '@company-chat/core';
import { exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { createChatApp } from '../src/index.js';
import { createTestEngine } from './test-app.js';

/** Issuer and audience the identity app's JWT verifier requires. */
export const JWT_ISSUER = 'https://idp.example.com/';
export const JWT_AUDIENCE = 'company-chat';
const widgetSecret = 'widget-secret-widget-secret-widget-secret';

/** Options of {@link createIdentityApp}: the stores default to memory. */
export interface IdentityAppOptions {
  recheckMs?: number;
  /** SQL stores (PGlite, PostgreSQL) instead of the memory ones. */
  stores?: { apiKeys: ApiKeyStore; accounts: AccountStore; users: UserDirectory };
  /** Serves `/api/v1/files`. */
  knowledge?: KnowledgeBase;
  /** Serves `POST /v1/embeddings`. */
  embedder?: Embedder;
  tiers?: Tiers;
}

/**
 * A chat app with every kind of identity configured (RS256 JWTs from an identity provider, widget
 * tokens, API keys, built-in accounts), a user directory, audit and usage logs and quota tiers, in
 * memory unless SQL stores are given, and helpers that produce credentials for it.
 */
export async function createIdentityApp(models: Record<string, ChatModel>, options: IdentityAppOptions = {}) {
  const idp = await generateKeyPair('RS256', { extractable: true });
  const publicKeyPem = await exportSPKI(idp.publicKey);
  const apiKeys = createApiKeys({ store: options.stores?.apiKeys ?? createMemoryApiKeyStore() });
  const accountStore = options.stores?.accounts ?? createMemoryAccountStore();
  const accounts = createAccounts({
    store: accountStore,
    secret: 'access-secret-access-secret-access-secret',
    passwordHash: { memorySize: 256, iterations: 1, parallelism: 1 },
  });
  const users = options.stores?.users ?? createMemoryUserDirectory();
  const audit = createMemoryAuditLog();
  const usage = createMemoryUsageLog();
  const tiers: Tiers = options.tiers ?? { free: { messagesPerMinute: 1000 }, pro: { messagesPerMinute: 1000 } };
  const engine = createTestEngine(models);
  const logged: unknown[] = [];
  const app = createChatApp({
    engine,
    logger: (_m, e) => logged.push(e),
    auth: {
      jwt: {
        publicKey: publicKeyPem,
        algorithms: ['RS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        claims: { tenantClaim: 'tid' },
      },
      widgetTokens: { secret: widgetSecret },
      apiKeys,
      accounts,
      accountStore,
      users,
      audit,
    },
    quotas: {
      tiers,
      ledger: createMemoryQuotaLedger({ tiers }),
      rateLimiter: createMemoryRateLimiter({ tiers }),
      ...(options.recheckMs ? { recheckMs: options.recheckMs } : {}),
    },
    usage,
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    ...(options.embedder ? { embedder: options.embedder } : {}),
  });

  const now = () => Math.floor(Date.now() / 1000);
  /** An identity-provider JWT for a user (claims override the defaults). */
  const jwt = (sub: string, tid: string, claims: JWTPayload = {}, roles: Role[] = ['user']) =>
    new SignJWT({ sub, tid, roles, iss: JWT_ISSUER, aud: JWT_AUDIENCE, iat: now(), exp: now() + 300, ...claims })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(idp.privateKey);
  /** A widget token as the host backend mints it (bound to `origin` when given). */
  const widget = (id: string, tenantId: string, roles: Role[] = ['user'], origin?: string) =>
    mintWidgetToken({ secret: widgetSecret, user: { id, tenantId, roles }, ...(origin ? { origin } : {}) });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** An admin API key of a tenant. */
  const adminKey = async (tenantId: string) =>
    (
      await apiKeys.create({
        tenantId,
        userId: 'root',
        name: 'admin',
        scopes: ['chat', 'admin'],
        roles: ['user', 'admin'],
      })
    ).key;
  return {
    app,
    engine,
    apiKeys,
    accounts,
    accountStore,
    users,
    audit,
    usage,
    tiers,
    jwt,
    widget,
    bearer,
    adminKey,
    publicKeyPem,
    logged,
  };
}

/** A JSON request init. */
export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
