import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  createKnowledgeBase,
  createMemoryKnowledgeStore,
  createSqlAccountStore,
  createSqlApiKeyStore,
  createSqlUserDirectory,
  migrate,
  type Role,
  type SqlClient,
} from '@company-chat/core';
import { createPgliteSqlClient } from '@company-chat/core/pglite';
import { createPgSqlClient } from '@company-chat/core/postgres';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type ApiRoute } from '../src/routes/api-route-table.js';
import { API_PREFIX, routePath, undeclaredRoutes } from '../src/routes/find-api-route.js';
import { createIdentityApp, type IdentityAppOptions, jsonInit } from './identity-app.js';

const page = 'https://intranet.example.com';
const allScopes = [...API_KEY_SCOPES];

/** What a credential may do according to its kind, and whether its user is suspended. */
interface Credential {
  name: string;
  scopes: readonly ApiKeyScope[];
  roles: readonly Role[];
  suspended?: boolean;
  /** Another tenant: its requests name the first tenant's ids and must find nothing. */
  otherTenant?: boolean;
  /** The request headers carrying the credential, made once the app is set up. */
  headers: (ctx: Context) => Promise<Record<string, string>>;
}

type Context = Awaited<ReturnType<typeof createIdentityApp>> & {
  key: (tenantId: string, userId: string, scopes: ApiKeyScope[], roles?: Role[]) => Promise<string>;
  suspendedJwt: Record<string, string>;
  demotedKey: string;
  suspendedKey: string;
};

const credentials: Credential[] = [
  {
    name: 'admin key of another tenant',
    scopes: allScopes,
    roles: ['user', 'admin'],
    otherTenant: true,
    headers: async (c) => ({ 'x-api-key': await c.key('globex', 'gina', allScopes) }),
  },
  {
    name: 'user token (JWT)',
    scopes: allScopes,
    roles: ['user'],
    headers: async (c) => c.bearer(await c.jwt('bob', 'acme')),
  },
  {
    name: 'admin token (JWT)',
    scopes: allScopes,
    roles: ['user', 'admin'],
    headers: async (c) => c.bearer(await c.jwt('ada', 'acme', {}, ['user', 'admin'])),
  },
  {
    name: 'auditor token (JWT)',
    scopes: allScopes,
    roles: ['user', 'auditor'],
    headers: async (c) => c.bearer(await c.jwt('audrey', 'acme', {}, ['user', 'auditor'])),
  },
  {
    name: 'widget token',
    scopes: ['chat', 'files'],
    roles: ['user'],
    headers: async (c) => ({ ...c.bearer(await c.widget('wendy', 'acme', ['user'], page)), origin: page }),
  },
  {
    name: 'widget token with the admin role',
    scopes: ['chat', 'files'],
    roles: ['user', 'admin'],
    headers: async (c) => ({ ...c.bearer(await c.widget('walt', 'acme', ['user', 'admin'], page)), origin: page }),
  },
  ...API_KEY_SCOPES.map(
    (scope): Credential => ({
      name: `API key with scope ${scope} (of an admin)`,
      scopes: [scope],
      roles: ['user', 'admin'],
      headers: async (c) => ({ 'x-api-key': await c.key('acme', `svc-${scope}`, [scope]) }),
    }),
  ),
  {
    name: 'admin key of a demoted user',
    scopes: allScopes,
    roles: ['user'],
    headers: async (c) => ({ 'x-api-key': c.demotedKey }),
  },
  {
    name: 'key of a suspended user',
    scopes: allScopes,
    roles: ['user', 'admin'],
    suspended: true,
    headers: async (c) => ({ 'x-api-key': c.suspendedKey }),
  },
  {
    name: 'token of a suspended user',
    scopes: allScopes,
    roles: ['user', 'admin'],
    suspended: true,
    headers: async (c) => c.suspendedJwt,
  },
];

/** The expectation for a route and a credential, from the route table and the credential's profile. */
function allowed(route: ApiRoute, credential: Credential): boolean {
  if (route.access === 'public') return true;
  if (credential.suspended) return false;
  const scopes = [route.access.scope].flat() as readonly ApiKeyScope[];
  const roles: readonly Role[] | undefined = route.access.role === undefined ? undefined : [route.access.role].flat();
  return (
    scopes.some((s) => credential.scopes.includes(s)) &&
    (roles === undefined || roles.some((r) => credential.roles.includes(r)))
  );
}

// Path parameters that name data of the first tenant (`acme`); tiers and model aliases are deployment-wide.
const tenantOwned = new Set([':id', ':messageId']);

// Valid bodies where a route validates before it looks its ids up, so another tenant's 404 is the lookup's.
const bodies: Record<string, unknown> = {
  'PATCH /conversations/:id': { title: 'renamed' },
  'POST /conversations/:id/messages/:messageId/edit': { content: 'edited' },
  'PUT /conversations/:id/active-leaf': { messageId: 'matrix-message' },
  'POST /conversations/:id/messages/:messageId/feedback': { rating: 'up' },
  'PATCH /admin/users/:id': { displayName: 'renamed' },
};

/** Builds the app with the given identity stores, the first tenant's data and a demoted and a suspended user. */
async function setup(stores?: IdentityAppOptions['stores']) {
  const model = scriptedChatModel({ deltas: ['Hello'] });
  const knowledge = createKnowledgeBase({
    store: createMemoryKnowledgeStore(),
    logger: { info() {}, warn() {}, error() {} },
  });
  const id = await createIdentityApp({ default: model }, { knowledge, ...(stores ? { stores } : {}) });
  const { app, apiKeys, bearer, jwt } = id;
  const key = async (tenantId: string, userId: string, scopes: ApiKeyScope[], roles: Role[] = ['user', 'admin']) =>
    (await apiKeys.create({ tenantId, userId, name: `${userId} ${scopes.join('+')}`, scopes, roles })).key;
  const adminKey = await key('acme', 'root', allScopes);
  const rootKeyId = (await apiKeys.list('acme', { userId: 'root' }))[0]!.id;
  const asAdmin = (path: string, init: RequestInit = {}) =>
    app.request(`${API_PREFIX}/admin${path}`, { ...init, headers: { ...init.headers, 'x-api-key': adminKey } });

  // Data of alice in acme: a conversation with an answer, and a file.
  const alice = bearer(await jwt('alice', 'acme'));
  const sent = parseSse(
    await (await app.request(`${API_PREFIX}/chat`, jsonInit('POST', { content: 'hi' }, alice))).text(),
  );
  const conversationId: string = sent.find((e) => e.event === 'conversation')?.data.conversation.id;
  const messageId: string = sent.find((e) => e.event === 'message-start')?.data.messageId;
  const form = new FormData();
  form.append('file', new File(['Holidays: 30 days a year.'], 'policy.txt', { type: 'text/plain' }));
  const uploaded = await app.request(`${API_PREFIX}/files`, { method: 'POST', body: form, headers: alice });
  const fileId: string = ((await uploaded.json()) as { file: { id: string } }).file.id;
  expect([conversationId, messageId, fileId].every(Boolean)).toBe(true);
  const acmeId = (route: ApiRoute, param: string) =>
    route.path.startsWith('/files/')
      ? fileId
      : route.path.startsWith('/admin/users/')
        ? 'alice'
        : route.path.startsWith('/admin/api-keys/')
          ? rootKeyId
          : param === ':messageId'
            ? messageId
            : conversationId;

  // A user whose admin key is demoted with them, and a suspended user with a key and a token.
  const demotedKey = await key('acme', 'dave', allScopes);
  expect((await app.request(`${API_PREFIX}/admin/users`, { headers: { 'x-api-key': demotedKey } })).status).toBe(200);
  expect((await asAdmin('/users/dave', jsonInit('PATCH', { roles: ['user'] }))).status).toBe(200);
  const suspendedKey = await key('acme', 'sue', allScopes);
  const suspendedJwt = bearer(await jwt('sue', 'acme', {}, ['user', 'admin']));
  expect((await app.request(`${API_PREFIX}/quota`, { headers: suspendedJwt })).status).toBe(200);
  expect((await asAdmin('/users/sue/suspend', { method: 'POST' })).status).toBe(200);
  const context: Context = { ...id, key, demotedKey, suspendedKey, suspendedJwt };

  /** The request for a route: real first-tenant ids for another tenant, ids of nothing for the rest. */
  function request(route: ApiRoute, credential: Credential, headers: Record<string, string>): [string, RequestInit] {
    const path =
      route.method === 'ALL'
        ? route.path.replace('/*', '/no-such-route')
        : route.path.replace(/:\w+/g, (param) =>
            credential.otherTenant && tenantOwned.has(param) ? acmeId(route, param) : `matrix-${param.slice(1)}`,
          );
    const method = route.method === 'ALL' ? 'GET' : route.method;
    const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const body = bodies[`${route.method} ${route.path}`] ?? {};
    return [routePath({ ...route, path }), withBody ? jsonInit(method, body, headers) : { method, headers }];
  }
  return { app, context, request };
}

/** The route × credential matrix, one test per credential, every route of the table in each. */
function matrix(
  name: string,
  stores: () => Promise<{ stores?: IdentityAppOptions['stores']; close: () => Promise<void> }>,
) {
  describe(`route × credential × scope on ${name}`, { timeout: 120_000 }, () => {
    let built: Awaited<ReturnType<typeof setup>>;
    let close: () => Promise<void> = async () => {};
    beforeAll(async () => {
      const opened = await stores();
      close = opened.close;
      built = await setup(opened.stores);
    });
    afterAll(() => close());

    it('serves exactly the routes the table declares', () => {
      expect(undeclaredRoutes(built.app, API_ROUTES)).toEqual([]);
      const served = new Set(built.app.routes.map((r) => `${r.method} ${r.path}`));
      const stale = API_ROUTES.filter((r) => r.method !== 'ALL' && !served.has(`${r.method} ${routePath(r)}`));
      expect(stale.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    });

    it('answers every public route without credentials', async () => {
      for (const route of API_ROUTES.filter((r) => r.access === 'public')) {
        const anonymous: Credential = { name: 'none', scopes: [], roles: [], headers: async () => ({}) };
        const res = await built.app.request(...built.request(route, anonymous, {}));
        // The route itself ran (a POST rejects the empty body, a GET answers), no identity check stood in the way.
        expect(res.status, `${route.method} ${route.path}`).toBe(route.method === 'GET' ? 200 : 400);
      }
    });

    it.each(credentials.map((c) => [c.name, c] as const))(
      '%s: each route allowed or refused as the table says',
      async (_name, credential) => {
        const headers = await credential.headers(built.context);
        const outcomes: string[] = [];
        for (const route of API_ROUTES.filter((r) => r.access !== 'public')) {
          const res = await built.app.request(...built.request(route, credential, headers));
          const expected = allowed(route, credential);
          const label = `${route.method} ${route.path} → ${res.status}`;
          if (!expected) {
            expect(res.status, label).toBe(403);
            expect(((await res.json()) as { error: { code: string } }).error.code, label).toBe('forbidden');
          } else {
            expect([401, 403, 429], label).not.toContain(res.status);
            // Another tenant's admin reaches every route, but none of the first tenant's data.
            if (credential.otherTenant && /:(id|messageId)\b/.test(route.path) && !route.path.includes('/models/')) {
              expect(res.status, label).toBe(404);
            }
          }
          outcomes.push(label);
        }
        expect(outcomes).toHaveLength(API_ROUTES.filter((r) => r.access !== 'public').length);
      },
    );
  });
}

matrix('memory stores', async () => ({ close: async () => {} }));

async function sqlStores(client: SqlClient) {
  await migrate(client);
  return {
    apiKeys: createSqlApiKeyStore(client),
    accounts: createSqlAccountStore(client),
    users: createSqlUserDirectory(client),
  };
}

matrix('PGlite identity stores', async () => {
  const db = await PGlite.create();
  const client = createPgliteSqlClient(db, { ownsDb: true });
  return { stores: await sqlStores(client), close: () => client.close() };
});

matrix('PostgreSQL identity stores', async () => {
  const { schema, drop } = await createTestSchema();
  const client = createPgSqlClient({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
  return {
    stores: await sqlStores(client),
    close: async () => {
      await client.close();
      await drop();
    },
  };
});
