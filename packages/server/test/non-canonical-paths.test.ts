import { scriptedChatModel } from '@company-chat/testing/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerHandle, serve } from '../src/node/index.js';
import { rawRequest } from './raw-http.js';
import { createTestApp } from './test-app.js';

let server: ServerHandle;
beforeAll(async () => {
  const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['Hi'] }) });
  server = await serve({ app, port: 0 });
});
afterAll(() => server.close());

// Sent as raw request lines through the Node adapter: fetch and URL would resolve `..` and `%2e`
// segments before sending, and so would the adapter before the app sees the URL.
const get = (path: string) => rawRequest(server.url, { path, headers: { 'x-user-id': 'alice' } });

describe('non-canonical API paths answer 404 through the Node adapter', () => {
  it.each([
    '/api/v1/x/../conversations',
    '/api/v1/x/%2e%2e/conversations',
    '/api/v1/x/%2E%2E/conversations',
    '/api/v1/%2e/conversations',
    '/api/v1/./conversations',
    '/api/v1/conversations/%2E%2E/models',
    '/api/v1/%63onversations',
    '/api/%76%31/conversations',
    '/api/v1/%61dmin/users',
    '/api/v1/admin%2fusers',
    '/api/v1/admin%5cusers',
    '/api/v1//conversations',
    '/api/v1/conversations/',
    '/api/v1/conversations/.',
    '/x/../api/v1/conversations',
    '/widget/%2e%2e/api/v1/conversations',
    '/API/v1/conversations',
    `${'http://127.0.0.1'}/api/v1/x/../conversations`,
  ])('%s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'not_found', message: 'No such path (paths must be in canonical form).' },
    });
  });

  it('a raw backslash is refused by the adapter before the app (400)', async () => {
    expect((await get('/api/v1\\conversations')).status).toBe(400);
  });

  it('canonical paths, encoded characters that need encoding and queries are served (control)', async () => {
    expect((await get('/api/v1/conversations')).status).toBe(200);
    expect((await get('/api/v1/conversations?q=/../%2e%2e')).status).toBe(200);
    // `|` must be encoded: the path is canonical, so the answer is the route's own 404, not the canonical-form one.
    const encoded = await get('/api/v1/conversations/00000000-0000-4000-8000-000000000000%7C');
    expect(encoded.status).toBe(404);
    expect(encoded.body).not.toContain('canonical form');
    expect((await get('/widget/../health')).status).toBe(200);
  });
});
