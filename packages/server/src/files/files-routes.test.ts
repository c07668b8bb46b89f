import { createKnowledgeBase, createMemoryBlobStore, createMemoryKnowledgeStore } from '@company-chat/core';
import { documentFixture as fixture } from '@company-chat/testing/rag';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app/app-env.js';
import { createErrorHandler } from '../errors/error-handler.js';
import { type FilesRoutesOptions, filesRoutes } from './files-routes.js';

const silent = { info() {}, warn() {}, error() {} };

function setup(options: Partial<FilesRoutesOptions> = {}) {
  const blobs = createMemoryBlobStore();
  const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore(), logger: silent, blobs });
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('owner', { tenantId: 'acme', userId: c.req.header('x-user-id') ?? 'alice' });
    await next();
  });
  app.route('/api/v1', filesRoutes({ knowledge, ...options }));
  app.onError(createErrorHandler(() => {}));
  return { app, knowledge, blobs };
}

const as = (user: string, init: RequestInit = {}) => ({ ...init, headers: { 'x-user-id': user } });

function upload(
  app: Hono<AppEnv>,
  name: string,
  bytes: Uint8Array,
  init: { user?: string; fields?: Record<string, string>; accept?: string } = {},
) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  for (const [k, v] of Object.entries(init.fields ?? {})) form.append(k, v);
  const headers: Record<string, string> = { 'x-user-id': init.user ?? 'alice' };
  if (init.accept) headers.accept = init.accept;
  return app.request('/api/v1/files', { method: 'POST', body: form, headers });
}

describe('files routes', () => {
  it('uploads, lists, reads and deletes a file, scoped to its owner', async () => {
    const { app, knowledge } = setup();
    const res = await upload(app, 'handbook.pdf', fixture('handbook.pdf'));
    expect(res.status).toBe(201);
    const { file } = (await res.json()) as { file: { id: string } };
    expect(file).toMatchObject({ name: 'handbook.pdf', kind: 'pdf', status: 'ready', stage: 'indexed', pageCount: 3 });
    expect((await knowledge.retrieve({ tenantId: 'acme', userId: 'alice' }, 'parental leave'))[0]).toMatchObject({
      page: 2,
    });

    const list = await app.request('/api/v1/files', { headers: { 'x-user-id': 'alice' } });
    expect(((await list.json()) as { files: unknown[] }).files).toHaveLength(1);
    expect(
      ((await (await app.request('/api/v1/files', { headers: { 'x-user-id': 'bob' } })).json()) as { files: unknown[] })
        .files,
    ).toEqual([]);
    expect((await app.request(`/api/v1/files/${file.id}`, { headers: { 'x-user-id': 'alice' } })).status).toBe(200);
    const bobGet = await app.request(`/api/v1/files/${file.id}`, { headers: { 'x-user-id': 'bob' } });
    expect(bobGet.status).toBe(404);
    expect(await bobGet.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(
      (await app.request(`/api/v1/files/${file.id}`, { method: 'DELETE', headers: { 'x-user-id': 'bob' } })).status,
    ).toBe(404);
    expect(
      (await app.request(`/api/v1/files/${file.id}`, { method: 'DELETE', headers: { 'x-user-id': 'alice' } })).status,
    ).toBe(204);
    expect((await app.request(`/api/v1/files/${file.id}`, { headers: { 'x-user-id': 'alice' } })).status).toBe(404);
  });

  it('answers each bad file with its documented 4xx while serving other requests', async () => {
    const { app } = setup({ maxUploadBytes: 128 * 1024 });
    const cases: Array<[string, Uint8Array, number, string]> = [
      ['not-really.pdf', fixture('not-really.pdf'), 422, 'unreadable_file'],
      ['truncated.pdf', fixture('truncated.pdf'), 422, 'unreadable_file'],
      ['empty.txt', fixture('empty.txt'), 422, 'empty_file'],
      ['zip-bomb.docx', fixture('zip-bomb.docx'), 422, 'archive_limits'],
      ['big.txt', new Uint8Array(300 * 1024).fill(97), 413, 'payload_too_large'],
      ['tool.bin', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 415, 'unsupported_media_type'],
    ];
    const [results, health] = await Promise.all([
      Promise.all(cases.map(([name, bytes]) => upload(app, name, bytes))),
      // A request made while the bad uploads are being processed is answered normally.
      app.request('/api/v1/files', { headers: { 'x-user-id': 'carol' } }),
    ]);
    expect(health.status).toBe(200);
    for (const [i, res] of results.entries()) {
      const [name, , status, code] = cases[i]!;
      expect({ name, status: res.status, body: await res.json() }).toMatchObject({
        name,
        status,
        body: { error: { code } },
      });
    }
    expect(((await (await app.request('/api/v1/files')).json()) as { files: unknown[] }).files).toEqual([]);
  });

  it('rejects requests that are not a single-file multipart upload', async () => {
    const { app } = setup();
    const json = await app.request('/api/v1/files', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append('note', 'no file');
    const missing = await app.request('/api/v1/files', { method: 'POST', body: form });
    expect(missing.status).toBe(400);
    expect((await app.request('/api/v1/files', { method: 'PUT' })).status).toBe(405);
  });

  it('streams ingestion progress with Accept: text/event-stream', async () => {
    const { app } = setup();
    const res = await upload(app, 'travel-policy.docx', fixture('travel-policy.docx'), { accept: 'text/event-stream' });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await res.text())
      .trim()
      .split('\n\n')
      .map((block) => ({
        event: /event: (.*)/.exec(block)?.[1],
        data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? 'null'),
      }));
    expect(events.map((e) => (e.event === 'progress' ? e.data.stage : e.event))).toEqual([
      'parsed',
      'chunked',
      'indexed',
      'file',
    ]);
    expect(events.at(-1)!.data.file).toMatchObject({ name: 'travel-policy.docx', status: 'ready' });

    const bad = await upload(app, 'x.pdf', fixture('not-really.pdf'), { accept: 'text/event-stream' });
    expect(await bad.text()).toMatch(/event: error\ndata: \{"error":\{"code":"unreadable_file"/);
  });

  it('answers 200 with duplicate: true for the same content in the same scope, a new version for new content', async () => {
    const { app } = setup();
    const first = await upload(app, 'notes.txt', fixture('notes.txt'));
    expect(first.status).toBe(201);
    const created = (await first.json()) as { file: { id: string }; duplicate: boolean };
    expect(created).toMatchObject({ duplicate: false, file: { version: 1, previousVersions: [] } });

    const again = await upload(app, 'copy of notes.txt', fixture('notes.txt'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, file: { id: created.file.id, name: 'notes.txt' } });
    const streamed = await upload(app, 'notes.txt', fixture('notes.txt'), { accept: 'text/event-stream' });
    expect(await streamed.text()).toContain(`event: file\ndata: {"file":{"id":"${created.file.id}"`);

    const bobs = await upload(app, 'notes.txt', fixture('notes.txt'), { user: 'bob' });
    expect(bobs.status).toBe(201);
    expect(((await bobs.json()) as { file: { id: string } }).file.id).not.toBe(created.file.id);

    const next = await upload(app, 'notes.txt', new TextEncoder().encode('New notes: the printer moved.'));
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({
      duplicate: false,
      file: {
        id: created.file.id,
        version: 2,
        previousVersions: [{ version: 1, replacedAt: expect.stringMatching(/^\d{4}-/) }],
      },
    });
    const list = await app.request('/api/v1/files', { headers: { 'x-user-id': 'alice' } });
    expect(((await list.json()) as { files: unknown[] }).files).toHaveLength(1);
  });

  it('lets only administrators add to and delete from shared collections', async () => {
    const denied = setup();
    const res = await upload(denied.app, 'notes.txt', fixture('notes.txt'), { fields: { collection: 'it' } });
    expect(res.status).toBe(403);

    const { app } = setup({ canManageShared: (c) => c.var.owner.userId === 'admin' });
    const created = await upload(app, 'notes.txt', fixture('notes.txt'), {
      user: 'admin',
      fields: { collection: 'it' },
    });
    expect(created.status).toBe(201);
    const { file } = (await created.json()) as { file: { id: string } };
    expect((await app.request(`/api/v1/files/${file.id}`, { headers: { 'x-user-id': 'bob' } })).status).toBe(200);
    expect(
      (await app.request(`/api/v1/files/${file.id}`, { method: 'DELETE', headers: { 'x-user-id': 'bob' } })).status,
    ).toBe(404);
    expect(
      (await app.request(`/api/v1/files/${file.id}`, { method: 'DELETE', headers: { 'x-user-id': 'admin' } })).status,
    ).toBe(204);
  });

  it('downloads the original as an attachment, to its readers only, until the file is deleted', async () => {
    const { app, blobs } = setup();
    const bytes = fixture('handbook.pdf');
    const { file } = (await (await upload(app, 'Hand"book; ü.pdf', bytes)).json()) as {
      file: { id: string; sha256: string };
    };
    const res = await app.request(`/api/v1/files/${file.id}/download`, as('alice'));
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="Hand_book_ _.pdf"; filename*=UTF-8''Hand%22book%3B%20%C3%BC.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(bytes));

    for (const user of ['bob']) {
      const denied = await app.request(`/api/v1/files/${file.id}/download`, as(user));
      expect(denied.status).toBe(404);
      expect(await denied.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await app.request('/api/v1/files/not-a-file/download', as('alice'))).status).toBe(404);
    expect((await app.request(`/api/v1/files/${'x'.repeat(300)}/download`, as('alice'))).status).toBe(404);
    const post = await app.request(`/api/v1/files/${file.id}/download`, as('alice', { method: 'POST' }));
    expect(post.status).toBe(405);

    expect((await app.request(`/api/v1/files/${file.id}`, as('alice', { method: 'DELETE' }))).status).toBe(204);
    expect((await app.request(`/api/v1/files/${file.id}/download`, as('alice'))).status).toBe(404);
    expect(await blobs.get(`files/${file.id}/${file.sha256}`)).toBeNull();
  });

  it('serves HTML and text originals as attachments that are never sniffed', async () => {
    const { app } = setup();
    const html = new TextEncoder().encode('<html><body><h1>Canteen</h1><script>alert(1)</script></body></html>');
    const { file } = (await (await upload(app, 'page.html', html)).json()) as { file: { id: string } };
    const res = await app.request(`/api/v1/files/${file.id}/download`, as('alice'));
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="page\.html"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('opens a cited passage with its neighbours and locator, scoped like the file', async () => {
    const { app, knowledge } = setup();
    const csv = ['City,Phone', ...Array.from({ length: 400 }, (_, i) => `City ${i + 1},+1 555 ${1000 + i}`)].join('\n');
    const { file } = (await (await upload(app, 'phones.csv', new TextEncoder().encode(csv))).json()) as {
      file: { id: string };
    };
    const [hit] = await knowledge.retrieve({ tenantId: 'acme', userId: 'alice' }, 'phone of City 200');
    expect(hit?.locator.rows?.[0]).toBeLessThanOrEqual(200);
    const res = await app.request(`/api/v1/files/${file.id}/passages/${hit!.chunkId}`, as('alice'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      file: { id: string; name: string };
      passage: { id: string; text: string; locator: { rows: [number, number] } };
      previous: { locator: { rows: [number, number] } } | null;
      next: { locator: { rows: [number, number] } } | null;
    };
    expect(body.file).toMatchObject({ id: file.id, name: 'phones.csv' });
    expect(body.passage).toMatchObject({ id: hit!.chunkId, text: hit!.text, locator: hit!.locator });
    expect(body.passage.text).toContain('City 200');
    const [from, to] = body.passage.locator.rows;
    expect(from).toBeLessThanOrEqual(200);
    expect(to).toBeGreaterThanOrEqual(200);
    // Neighbouring chunks of a long table: the rows just before and after.
    expect(body.previous?.locator.rows[1]).toBeLessThan(to);
    expect(body.next?.locator.rows[0]).toBeGreaterThan(from);

    const denied = await app.request(`/api/v1/files/${file.id}/passages/${hit!.chunkId}`, as('bob'));
    expect(denied.status).toBe(404);
    expect(await denied.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.request(`/api/v1/files/${file.id}/passages/nope`, as('alice'))).status).toBe(404);
    expect((await app.request(`/api/v1/files/nope/passages/${hit!.chunkId}`, as('alice'))).status).toBe(404);
    const del = await app.request(
      `/api/v1/files/${file.id}/passages/${hit!.chunkId}`,
      as('alice', { method: 'DELETE' }),
    );
    expect(del.status).toBe(405);
  });
});
