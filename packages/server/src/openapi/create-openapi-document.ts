import { CompanyChatError, type ErrorCode } from '@company-chat/core';
import { chatEventSchema, errorBodySchema, openAIErrorBodySchema } from '@company-chat/core/protocol';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { gatewayStatus, openAIErrorBody } from '../gateway/openai-error-response.js';
import { API_ROUTES, type ApiRoute } from '../routes/api-route-table.js';
import { routePath } from '../routes/find-api-route.js';
import { ROUTE_DOCS, type RouteDoc } from './route-docs.js';

/** The OpenAPI document as JSON (what `GET /api/v1/openapi.json` answers). */
export type OpenApiDocument = ReturnType<typeof createDocument>;

const authErrors: ErrorCode[] = ['unauthenticated', 'forbidden', 'rate_limited', 'store_unavailable'];
const bodyErrors: ErrorCode[] = ['invalid_request', 'invalid_json', 'payload_too_large', 'unsupported_media_type'];

const sseDescription =
  "A stream of Server-Sent Events. Each event's `event:` is the `type` of its data, `data:` is one `ChatEvent` " +
  'as JSON and `id:` a position to resume from (`Last-Event-ID`). Comments (`: ping`) keep the connection open. ' +
  'Failures before the stream starts are answered as JSON errors instead.';

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the route table (paths, methods, who may call
 * them) and the protocol's zod schemas (bodies, queries, answers, SSE events, errors). Every route of
 * `API_ROUTES` is in it; building it throws when a route has no entry in the route docs.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('openapi.json', JSON.stringify(createOpenApiDocument(), null, 2));
 * ```
 */
export function createOpenApiDocument(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) {
    if (route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    const doc = ROUTE_DOCS[key];
    if (!doc) throw new Error(`createOpenApiDocument: ${key} is in API_ROUTES but not in ROUTE_DOCS`);
    const path = routePath(route).replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, doc) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'company-chat API',
      version: '1',
      description:
        'The HTTP API of company-chat. Every error is `{ "error": { "code", "message" } }` with the status of its code ' +
        '(docs/errors.md). Credentials: `Authorization: Bearer` with a JWT, widget token, session access token or API key, ' +
        'or an API key in `X-API-Key`. Each route names the scope (and role) it needs.',
    },
    tags: [
      { name: 'Chat', description: 'Send messages and stream answers.' },
      { name: 'Conversations', description: 'History, branches, ratings, export.' },
      { name: 'Files', description: 'The knowledge base.' },
      { name: 'Account', description: 'Built-in accounts and widget tokens.' },
      { name: 'Admin', description: 'Users, keys, tiers, models, usage and audit.' },
      {
        name: 'Gateway',
        description:
          'The OpenAI-compatible API at `/v1` (docs/gateway.md): point OpenAI clients at `https://host/v1` with an API key ' +
          'that has the `gateway` scope. Errors have OpenAI’s shape, with our code in `code`.',
      },
    ],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A JWT of the configured issuer, a widget token, a session access token, or an API key.',
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (`cc_live_…`).' },
      },
      schemas: { ChatEvent: chatEventSchema, ErrorBody: errorBodySchema, OpenAIErrorBody: openAIErrorBodySchema },
    },
    paths,
  });
}

function operation(route: ApiRoute, doc: RouteDoc): ZodOpenApiOperationObject {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const access = route.access === 'public' ? null : route.access;
  const needs = access
    ? `Needs the \`${[access.scope].flat().join('` or `')}\` scope` +
      (access.role ? ` and the \`${[access.role].flat().join('` or `')}\` role` : '') +
      (route.counts ? `; counts against \`${route.counts}\`` : '') +
      '.'
    : 'No credential needed.';
  return {
    operationId: operationId(route),
    summary: doc.summary,
    description: needs,
    tags: [doc.tag],
    security: access ? [{ bearer: [] }, { apiKey: [] }] : [],
    ...(access ? { 'x-scope': [access.scope].flat(), ...(access.role ? { 'x-role': [access.role].flat() } : {}) } : {}),
    ...(pathParams.length > 0 || doc.query || doc.headers
      ? {
          requestParams: {
            ...(pathParams.length > 0
              ? { path: z.object(Object.fromEntries(pathParams.map((p) => [p, z.string().min(1).max(128)]))) }
              : {}),
            ...(doc.query ? { query: doc.query } : {}),
            ...(doc.headers ? { header: doc.headers } : {}),
          },
        }
      : {}),
    ...(doc.multipart
      ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: doc.multipart } } } }
      : {}),
    ...(doc.body
      ? { requestBody: { required: !doc.bodyOptional, content: { 'application/json': { schema: doc.body } } } }
      : {}),
    responses: { ...success(doc), ...errorResponses(route, doc) },
  };
}

function success(doc: RouteDoc): ZodOpenApiOperationObject['responses'] {
  const r = doc.response;
  if (r.status === 204) return { 204: { description: 'Done; no body.' } };
  if ('chunks' in r) {
    return {
      200: {
        description: 'The completion as JSON, or with `"stream": true` SSE `data:` chunks ending with `data: [DONE]`.',
        content: { 'application/json': { schema: r.json }, 'text/event-stream': { schema: r.chunks } },
      },
    };
  }
  if ('sse' in r)
    return { 200: { description: sseDescription, content: { 'text/event-stream': { schema: chatEventSchema } } } };
  if ('media' in r) return { 200: { description: r.description, content: { [r.media]: { schema: z.string() } } } };
  return { [r.status]: { description: r.description ?? 'OK', content: { 'application/json': { schema: r.json } } } };
}

/** Error codes a route can answer with, by status: its kind's (auth, validation, ids) and its own. */
export function routeErrorCodes(route: ApiRoute, doc: RouteDoc): Map<number, ErrorCode[]> {
  const codes = new Set<ErrorCode>();
  if (route.access !== 'public') for (const code of authErrors) codes.add(code);
  if (doc.body || doc.multipart) for (const code of bodyErrors) codes.add(code);
  if (doc.query) codes.add('invalid_request');
  if (route.path.includes(':')) codes.add('not_found');
  for (const code of doc.errors ?? []) codes.add(code);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = new CompanyChatError({ code, message: code }).statusCode;
    if (doc.tag === 'Gateway') {
      const gateway = gatewayStatus(code, status);
      byStatus.set(gateway, [...(byStatus.get(gateway) ?? []), code]);
      continue;
    }
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

function errorResponses(route: ApiRoute, doc: RouteDoc): ZodOpenApiOperationObject['responses'] {
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const [status, codes] of [...routeErrorCodes(route, doc)].sort((a, b) => a[0] - b[0])) {
    responses[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: `Error: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
      content: {
        'application/json': {
          schema: doc.tag === 'Gateway' ? openAIErrorBodySchema : errorBodySchema,
          examples: Object.fromEntries(
            codes.map((code) => {
              const message = exampleMessages[code] ?? code;
              const value =
                doc.tag === 'Gateway' ? openAIErrorBody(code, message, status) : { error: { code, message } };
              return [code, { value }];
            }),
          ),
        },
      },
    };
  }
  return responses;
}

const exampleMessages: Partial<Record<ErrorCode, string>> = {
  unauthenticated: 'Sign in to continue.',
  forbidden: 'This credential may not do that.',
  rate_limited: 'Too many requests; try again in a moment.',
  not_found: 'Conversation "c_1" was not found.',
  invalid_request: 'content: Must not be blank',
  quota_exceeded: 'The daily token budget is used up.',
};

function operationId(route: ApiRoute): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part.replace('.', '-')));
  return [route.method.toLowerCase(), ...words].join('-').replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase());
}
