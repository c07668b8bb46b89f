import type { AccessNeed, RateLimitName } from '@company-chat/core';

/** Who may call a route: anyone (it checks its own credential, e.g. a password), or a principal that needs something. */
export type RouteAccess = 'public' | (AccessNeed & { scope: NonNullable<AccessNeed['scope']> });

/** One route of the API and what it takes to call it. */
export interface ApiRoute {
  /** HTTP method; `ALL` declares every method of paths no other rule names (a prefix guard). */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ALL';
  /** Hono path pattern under {@link ApiRoute.prefix}, e.g. `/conversations/:id`; `/*` ends a prefix guard. */
  path: string;
  /** Where `path` is mounted. Default `/api/v1`; the OpenAI-compatible gateway's paths are absolute (`''`). */
  prefix?: '';
  access: RouteAccess;
  /** The rate this route counts against the caller's tier, if any. */
  counts?: RateLimitName;
}

const chat = { scope: 'chat' } as const;
const files = { scope: 'files' } as const;
const admin = { scope: 'admin', role: 'admin' } as const;
const reports = { scope: 'admin', role: ['admin', 'auditor'] } as const;
const gateway = { scope: 'gateway' } as const;

/**
 * Every route of `/api/v1` with the scope (and role) it needs and the rate it counts. The access
 * middleware enforces this table and nothing else decides access; `createChatApp()` refuses to build
 * an app with a route missing here, and the route × credential test is generated from it.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/auth/login', access: 'public' },
  { method: 'POST', path: '/auth/refresh', access: 'public' },
  { method: 'POST', path: '/auth/logout', access: 'public' },
  { method: 'GET', path: '/openapi.json', access: 'public' },
  { method: 'POST', path: '/widget-tokens', access: { scope: 'widget-tokens', role: 'admin' } },

  { method: 'POST', path: '/chat', access: chat, counts: 'messagesPerMinute' },
  { method: 'GET', path: '/models', access: chat },
  { method: 'GET', path: '/conversations', access: chat },
  { method: 'POST', path: '/conversations', access: chat },
  { method: 'GET', path: '/conversations/:id', access: chat },
  { method: 'PATCH', path: '/conversations/:id', access: chat },
  { method: 'DELETE', path: '/conversations/:id', access: chat },
  {
    method: 'POST',
    path: '/conversations/:id/messages/:messageId/regenerate',
    access: chat,
    counts: 'messagesPerMinute',
  },
  { method: 'POST', path: '/conversations/:id/messages/:messageId/edit', access: chat, counts: 'messagesPerMinute' },
  { method: 'PUT', path: '/conversations/:id/active-leaf', access: chat },
  // A rating is a small write to one's own answer: no message or upload is spent on it.
  { method: 'POST', path: '/conversations/:id/messages/:messageId/feedback', access: chat },
  { method: 'GET', path: '/conversations/:id/export', access: chat },
  { method: 'GET', path: '/me/export', access: chat },
  { method: 'DELETE', path: '/me', access: chat },
  // Every credential that can do anything may see its own limits.
  { method: 'GET', path: '/quota', access: { scope: ['chat', 'files'] } },

  { method: 'POST', path: '/files', access: files, counts: 'uploadsPerHour' },
  { method: 'GET', path: '/files', access: files },
  { method: 'GET', path: '/files/:id', access: files },
  { method: 'DELETE', path: '/files/:id', access: files },
  { method: 'GET', path: '/files/:id/download', access: files },
  { method: 'GET', path: '/files/:id/passages/:passageId', access: files },

  { method: 'GET', path: '/admin/users', access: admin },
  { method: 'POST', path: '/admin/users', access: admin },
  { method: 'GET', path: '/admin/users/:id', access: admin },
  { method: 'PATCH', path: '/admin/users/:id', access: admin },
  { method: 'DELETE', path: '/admin/users/:id', access: admin },
  { method: 'POST', path: '/admin/users/:id/suspend', access: admin },
  { method: 'POST', path: '/admin/users/:id/reactivate', access: admin },
  { method: 'GET', path: '/admin/api-keys', access: admin },
  { method: 'POST', path: '/admin/api-keys', access: admin },
  { method: 'DELETE', path: '/admin/api-keys/:id', access: admin },
  { method: 'GET', path: '/admin/tiers', access: admin },
  { method: 'PUT', path: '/admin/tiers/:name', access: admin },
  { method: 'GET', path: '/admin/models', access: admin },
  { method: 'PATCH', path: '/admin/models/:id', access: admin },
  { method: 'GET', path: '/admin/usage', access: reports },
  { method: 'GET', path: '/admin/usage/records', access: reports },
  { method: 'GET', path: '/admin/audit', access: reports },
  // Anything else under /admin (unknown paths, other methods) needs the admin role before it can 404.
  { method: 'ALL', path: '/admin/*', access: admin },

  // The OpenAI-compatible gateway, at the paths OpenAI clients call (`baseURL: https://host/v1`). A
  // completion is a message: it counts against the same rate as the chat API.
  { method: 'POST', path: '/v1/chat/completions', prefix: '', access: gateway, counts: 'messagesPerMinute' },
  { method: 'GET', path: '/v1/models', prefix: '', access: gateway },
  { method: 'POST', path: '/v1/embeddings', prefix: '', access: gateway },
];
