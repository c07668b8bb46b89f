import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { createOpenApiDocument } from './create-openapi-document.js';

// Inside the package's node_modules, so the sample resolves `openapi-fetch` as an app would.
const dir = mkdtempSync(join(fileURLToPath(new URL('../../node_modules/', import.meta.url)), '.openapi-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const client = createClient<paths>({ baseUrl: 'https://chat.example.com' });

export async function sample() {
  await client.POST('/api/v1/chat', { body: { content: 'Hi', model: 'default', clientMessageId: 'local-1' } });
  const list = await client.GET('/api/v1/conversations', { params: { query: { limit: 10, archived: 'include' } } });
  const title: string | undefined = list.data?.conversations[0]?.title;
  const one = await client.GET('/api/v1/conversations/{id}', { params: { path: { id: 'c1' } } });
  const status: 'streaming' | 'complete' | 'aborted' | 'error' | 'interrupted' | undefined = one.data?.messages[0]?.status;
  const code: string | undefined = one.error?.error.code;
  await client.PATCH('/api/v1/conversations/{id}', { params: { path: { id: 'c1' } }, body: { pinned: true } });
  await client.POST('/api/v1/conversations/{id}/messages/{messageId}/feedback', {
    params: { path: { id: 'c1', messageId: 'm1' } },
    body: { rating: 'up' },
  });
  const quota = await client.GET('/api/v1/quota');
  const max: number | null | undefined = quota.data?.limits[0]?.max;
  const models = await client.GET('/api/v1/models');
  const alias: string | undefined = models.data?.models.find((m) => m.default)?.id;
  return [title, status, code, max, alias];
}
`;

const bad = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const client = createClient<paths>({ baseUrl: 'https://chat.example.com' });
export const wrongField = client.POST('/api/v1/chat', { body: { text: 'Hi' } });
export const wrongRating = client.POST('/api/v1/conversations/{id}/messages/{messageId}/feedback', {
  params: { path: { id: 'c1', messageId: 'm1' } },
  body: { rating: 'great' },
});
export const noSuchRoute = client.GET('/api/v1/conversation');
`;

function diagnostics(file: string): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]!);
}

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  it('type-checks a sample of calls, and refuses wrong bodies and unknown routes', async () => {
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(createOpenApiDocument() as never)));
    writeFileSync(join(dir, 'good.ts'), good);
    writeFileSync(join(dir, 'bad.ts'), bad);
    expect(diagnostics('good.ts')).toEqual([]);
    expect(diagnostics('bad.ts')).toHaveLength(3);
  }, 60_000);
});
