import {
  type ChatStore,
  createChatEngine,
  createKnowledgeBase,
  createMemoryBlobStore,
  createMemoryChatStore,
  createMemoryKnowledgeStore,
} from '@company-chat/core';
import { ChatClient } from '@company-chat/core/client';
import { chatEventSchema, errorBodySchema } from '@company-chat/core/protocol';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createIdentityApp, jsonInit } from '../../test/identity-app.js';
import { createChatApp } from '../app/create-chat-app.js';
import { API_ROUTES } from '../routes/api-route-table.js';
import { compileRoutes, findApiRoute } from '../routes/find-api-route.js';
import { ROUTE_DOCS } from './route-docs.js';

// zod checks the values (types, formats, enums); the schema's JSON Schema (closed objects) catches a field
// the server sends that the protocol does not declare, which a client built on the types would never see.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
function expectMatches(schema: z.ZodType, value: unknown, where: string) {
  const parsed = schema.safeParse(value);
  expect(parsed.success ? [] : parsed.error.issues, `${where}: values`).toEqual([]);
  const validate = ajv.compile(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
  expect(validate(value) ? [] : validate.errors, `${where}: undeclared or missing fields`).toEqual([]);
}

interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: Promise<string>;
}

const routes = compileRoutes(API_ROUTES);

/** Checks one exchange against its route's schemas; returns the SSE event types it carried. */
async function expectDocumented(exchange: Exchange): Promise<string[]> {
  const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
  const route = findApiRoute(routes, exchange.method, exchange.path);
  const doc = route && ROUTE_DOCS[`${route.method} ${route.path}`];
  expect(doc, `${where}: documented`).toBeDefined();
  const text = await exchange.body;
  if (exchange.status >= 400) {
    expectMatches(errorBodySchema, JSON.parse(text), where);
    return [];
  }
  const response = doc!.response;
  if ('sse' in response) {
    expect(exchange.contentType).toMatch(/^text\/event-stream/);
    const events = parseSse(text);
    for (const event of events) {
      expectMatches(chatEventSchema, event.data, `${where} event ${event.event}`);
      expect(event.event, where).toBe(event.data.type);
    }
    return events.map((e) => e.event);
  }
  if ('json' in response && exchange.contentType.startsWith('application/json')) {
    expectMatches(response.json, JSON.parse(text), where);
  } else {
    expect(exchange.status, where).toBe(response.status);
  }
  return [];
}

/** A fetch into the app that records every exchange. */
function recordingFetch(app: { request(request: Request): Response | Promise<Response> }, exchanges: Exchange[]) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await app.request(request);
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: response.clone().text(),
    });
    return response;
  };
}

const silent = { info() {}, warn() {}, error() {} };
const stores: ChatStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
});

describe('the protocol schemas and the server agree (every exchange of the real client)', () => {
  it('every answer, SSE event and error the client receives matches its route’s schema', async () => {
    const store = createMemoryChatStore();
    stores.push(store);
    const knowledge = createKnowledgeBase({
      store: createMemoryKnowledgeStore(),
      logger: silent,
      blobs: createMemoryBlobStore(),
    });
    const engine = createChatEngine({
      models: { default: scriptedChatModel({ deltas: ['Parental leave is ', 'twenty weeks [1].'] }) },
      store,
      knowledge,
      tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    });
    const app = createChatApp({ engine, dev: true, knowledge, heartbeatMs: 0, logger: () => {} });
    const exchanges: Exchange[] = [];
    const client = new ChatClient({
      endpoint: 'http://chat.test',
      headers: { 'x-user-id': 'alice' },
      fetch: recordingFetch(app, exchanges),
    });

    // Everything the client does, in the order a user would.
    const file = await client.uploadFile(new Blob(['Parental leave is twenty weeks for every parent.']), {
      name: 'leave.txt',
    });
    await client.listFiles();
    await client.listModels();
    await client.getQuota();
    const first = await client.send({ content: 'How long is parental leave?' }).result();
    const conversationId = first.conversationId!;
    await client.listConversations();
    const shown = await client.getConversation(conversationId);
    const cited = shown.messages.flatMap((m) => m.citations ?? [])[0];
    expect(cited?.passageId, 'the answer cites the uploaded file').toBeDefined();
    await client.getPassage(cited!.fileId, cited!.passageId!);
    await client.updateConversation(conversationId, { pinned: true });
    await client.sendFeedback(conversationId, first.messageId!, { rating: 'up', comment: 'Clear.' });
    await client.regenerate({ conversationId, messageId: first.messageId! }).result();
    await client
      .editMessage({ conversationId, messageId: first.userMessageId!, content: 'And for adoption?' })
      .result();
    await client.setActiveBranch(conversationId, shown.messages.at(-1)!.id);
    await client.exportConversation(conversationId, 'json');
    await client.createConversation({ title: 'Empty' });
    await expect(client.getConversation('no-such-conversation')).rejects.toThrow();
    await client.deleteFile(file.id);
    await client.deleteConversation(conversationId);

    const eventTypes = new Set<string>();
    for (const exchange of exchanges) for (const type of await expectDocumented(exchange)) eventTypes.add(type);
    // The exchanges above really covered the client's surface.
    expect(new Set(exchanges.map((e) => `${e.method} ${findApiRoute(routes, e.method, e.path)!.path}`)).size).toBe(17);
    expect([...eventTypes].sort()).toEqual(
      expect.arrayContaining(['citation', 'conversation', 'message-end', 'message-start', 'text-delta']),
    );
  });

  it('sign-in, refresh, widget tokens and an enforced quota match their schemas too', async () => {
    const id = await createIdentityApp({ default: scriptedChatModel({ deltas: ['Hi'] }) });
    await id.accounts.register({ tenantId: 'default', email: 'ada@example.com', password: 'correct horse' });
    const { key } = await id.apiKeys.create({
      tenantId: 'default',
      userId: 'root',
      name: 'minter',
      scopes: ['widget-tokens'],
      roles: ['admin'],
    });
    const exchanges: Exchange[] = [];
    const call = recordingFetch(id.app, exchanges);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      call(`http://chat.test/api/v1${path}`, jsonInit('POST', body, headers));

    const login = await post('/auth/login', { email: 'ada@example.com', password: 'correct horse' });
    const { refreshToken } = (await login.json()) as { refreshToken: string };
    await post('/auth/refresh', { refreshToken });
    await post('/auth/login', { email: 'ada@example.com', password: 'wrong' });
    await post('/widget-tokens', { userId: 'ada', origin: 'https://intranet.example.com' }, id.bearer(key));
    await call('http://chat.test/api/v1/quota', { headers: id.bearer(await id.jwt('ada', 'default')) });

    expect(exchanges.map((e) => e.status)).toEqual([200, 200, 401, 201, 200]);
    for (const exchange of exchanges) await expectDocumented(exchange);
  });

  it('the admin API’s users, keys, tiers and models match their schemas', async () => {
    const id = await createIdentityApp({ default: scriptedChatModel({ deltas: ['Hi'] }) });
    const admin = id.bearer(await id.adminKey('default'));
    const exchanges: Exchange[] = [];
    const call = recordingFetch(id.app, exchanges);
    const send = (method: string, path: string, body?: unknown) =>
      call(
        `http://chat.test/api/v1/admin${path}`,
        body === undefined ? { method, headers: admin } : jsonInit(method, body, admin),
      );

    await send('POST', '/users', { id: 'ada', email: 'ada@example.com', displayName: 'Ada', roles: ['user'] });
    await send('GET', '/users');
    await send('GET', '/users/ada');
    await send('PATCH', '/users/ada', { displayName: 'Ada L.' });
    await send('POST', '/users/ada/suspend');
    await send('POST', '/users/ada/reactivate');
    const created = await send('POST', '/api-keys', { userId: 'ada', name: 'scripts', scopes: ['chat'] });
    await send('GET', '/api-keys');
    await send('DELETE', `/api-keys/${((await created.clone().json()) as { id: string }).id}`);
    await send('GET', '/tiers');
    await send('PUT', '/tiers/standard', { tokensPerDay: 100_000, messagesPerMinute: 20 });
    await send('GET', '/models');
    await send('PATCH', '/models/default', { enabled: true });
    await send('DELETE', '/users/ada');

    expect(exchanges.filter((e) => e.status >= 400).map((e) => `${e.method} ${e.path} → ${e.status}`)).toEqual([]);
    for (const exchange of exchanges) await expectDocumented(exchange);
  });
});
