import { z } from 'zod';
import { API_KEY_SCOPES, type ApiKeyScope } from '../identity/principal.js';
import { modelInfoSchema } from './model-schemas.js';

const isoTime = z.iso.datetime({ offset: true });

/** A user of the tenant as admins see it (`/admin/users`). */
export const adminUserSchema = z
  .object({
    tenantId: z.string(),
    id: z.string(),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    roles: z.array(z.enum(['user', 'admin', 'auditor'])),
    tier: z.string(),
    status: z.enum(['active', 'suspended']),
    /** True for built-in accounts (email + password). */
    hasPassword: z.boolean(),
    createdAt: isoTime,
  })
  .meta({ id: 'AdminUser' });

/** The answer of `GET /admin/users`: a page of users and how many match. */
export const adminUserPageSchema = z.object({ users: z.array(adminUserSchema), total: z.number().int() });

/** What an API key may be used for (`chat`, `files`, `admin`, `widget-tokens`, `gateway`). */
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES as [ApiKeyScope, ...ApiKeyScope[]]).meta({
  id: 'ApiKeyScope',
  description: 'What an API key may be used for; `gateway` is the OpenAI-compatible /v1 API.',
});

/** An API key as admins see it: never the key or its hash. */
export const apiKeyInfoSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    userId: z.string(),
    name: z.string(),
    /** First characters of the key, safe to display. */
    prefix: z.string(),
    scopes: z.array(apiKeyScopeSchema),
    roles: z.array(z.enum(['user', 'admin', 'auditor'])),
    tier: z.string(),
    createdAt: isoTime,
    expiresAt: isoTime.nullable(),
    revokedAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
  })
  .meta({ id: 'ApiKey' });

/** The answer of `POST /admin/api-keys`: `key` is shown once and cannot be recovered. */
export const createdApiKeySchema = apiKeyInfoSchema.extend({ key: z.string() }).meta({ id: 'CreatedApiKey' });

/** The answer of `GET /admin/api-keys`. */
export const apiKeyListSchema = z.object({ keys: z.array(apiKeyInfoSchema) });

/** A model alias with its switch (`/admin/models`). */
export const adminModelSchema = modelInfoSchema.extend({ enabled: z.boolean() }).meta({ id: 'AdminModel' });

/** The answer of `GET /admin/models`. */
export const adminModelListSchema = z.object({ models: z.array(adminModelSchema) });

/** One tier's limits; an absent limit is not enforced. */
export const tierLimitsOutputSchema = z
  .object({
    messagesPerMinute: z.number().optional(),
    uploadsPerHour: z.number().optional(),
    /** Deprecated name of `messagesPerMinute`. */
    requestsPerMinute: z.number().optional(),
    concurrentStreams: z.number().optional(),
    tokensPerDay: z.number().optional(),
    tokensPerMonth: z.number().optional(),
    costPerMonth: z.number().optional(),
  })
  .meta({ id: 'TierLimits' });

/** The answer of `GET /admin/tiers`. */
export const tierListSchema = z.object({ enforced: z.boolean(), tiers: z.record(z.string(), tierLimitsOutputSchema) });

/** The answer of `PUT /admin/tiers/:name`. */
export const tierResponseSchema = z.object({ name: z.string(), limits: tierLimitsOutputSchema });
