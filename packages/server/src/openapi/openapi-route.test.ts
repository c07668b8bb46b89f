import { readFileSync } from 'node:fs';
import { createKnowledgeBase, createMemoryKnowledgeStore } from '@company-chat/core';
import { chatEventSchema, errorCodeSchema } from '@company-chat/core/protocol';
import { scriptedChatModel } from '@company-chat/testing/models';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';
import { API_ROUTES } from '../routes/api-route-table.js';
import { API_PREFIX, GATEWAY_PREFIX, routePath } from '../routes/find-api-route.js';
import { ROUTE_DOCS } from './route-docs.js';

const silent = { info() {}, warn() {}, error() {} };

async function fetchDocument() {
  // Every optional router mounted (files need a knowledge base), so the app has every route.
  const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore(), logger: silent });
  const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['Hi'] }) }, { knowledge, dev: false });
  const res = await app.request('/api/v1/openapi.json');
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked freely below.
  return { app, res, doc: (await res.json()) as any };
}

describe('GET /api/v1/openapi.json', () => {
  it('answers without credentials with a document the OpenAPI 3.1 validator accepts', async () => {
    const { res, doc } = await fetchDocument();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it('names every route of the route table (so every route the app serves) with its auth and error codes', async () => {
    const { app, doc } = await fetchDocument();
    const served = new Set(
      app.routes
        .filter(
          (r) => r.method !== 'ALL' && (r.path.startsWith(`${API_PREFIX}/`) || r.path.startsWith(`${GATEWAY_PREFIX}/`)),
        )
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    // Served ⊆ documented ⊆ the route table; routes of optional features (accounts, widget tokens) are
    // documented even where this app has them off.
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].sort()).toEqual(
      API_ROUTES.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${routePath(r).replace(/:(\w+)/g, '{$1}')}`)
        .sort(),
    );
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual(
      API_ROUTES.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );

    const chat = doc.paths['/api/v1/chat'].post;
    expect(chat.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(chat['x-scope']).toEqual(['chat']);
    expect(Object.keys(chat.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409', '429']));
    expect(chat.responses['200'].content['text/event-stream'].schema).toEqual({
      $ref: '#/components/schemas/ChatEvent',
    });
    expect(chat.responses['409'].content['application/json'].examples.conversation_busy.value.error.code).toBe(
      'conversation_busy',
    );
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/admin/users'].get['x-role']).toEqual(['admin']);
    // The SSE events are one schema: a union of the event objects, told apart by `type`.
    const event = doc.components.schemas.ChatEvent;
    expect(event.discriminator?.propertyName ?? 'type').toBe('type');
    expect(event.oneOf).toHaveLength(7);
    expect(doc.components.schemas.ErrorCode.enum).toContain('quota_exceeded');
  });

  it('docs/api.md names every route of the table (outside the admin API) with the scope it needs', () => {
    const text = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    // `| \`GET /api/v1/files\`, \`GET /api/v1/files/:id\` | \`files\` | ...` → each route with its auth cell.
    const rows = new Map<string, string>();
    for (const [, routes, auth] of text.matchAll(/^\| ((?:`[A-Z]+ [^`]+`(?:, )?)+) \| ([^|]+) \|/gm)) {
      for (const [, route] of routes!.matchAll(/`([A-Z]+ [^`]+)`/g))
        if (!rows.has(route!)) rows.set(route!, auth!.trim());
    }
    const missing = API_ROUTES.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/admin/'))
      .map((r) => {
        const key = `${r.method} ${routePath(r)}`;
        const scopes = r.access === 'public' ? ['none'] : [r.access.scope].flat();
        const auth = rows.get(key);
        return auth !== undefined && scopes.every((scope) => auth.includes(scope)) ? null : key;
      })
      .filter((key) => key !== null);
    expect(missing).toEqual([]);
  });

  it('docs/api.md lists every SSE event with the fields of its schema, and docs/errors.md every code', () => {
    const api = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    const documented = new Map(
      [...api.matchAll(/^\| `([a-z-]+)` \| `\{ (.*?) \}` \|/gm)].map(([, type, fields]) => [
        type!,
        [...topLevel(fields!).matchAll(/(?:^|, )(\w+)\??/g)].map((m) => m[1]!).sort(),
      ]),
    );
    for (const option of chatEventSchema.options) {
      const type = option.shape.type.value;
      const fields = Object.keys(option.shape)
        .filter((k) => k !== 'type')
        .sort();
      expect(documented.get(type), `event ${type}`).toEqual(fields);
    }
    const errors = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    const listed = new Set([...errors.matchAll(/^\| `(\w+)` \| (\d{3}) \|/gm)].map((m) => m[1]));
    expect(errorCodeSchema.options.filter((code) => !listed.has(code))).toEqual([]);
  });
});

/** The top-level part of `a, b: { c, d }, e` (nested objects dropped), whose names are the fields. */
function topLevel(fields: string): string {
  let text = fields;
  while (/\{[^{}]*\}/.test(text)) text = text.replace(/\{[^{}]*\}/g, '');
  return text;
}
