import type { ChatModel } from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';

type Case = {
  name: string;
  path: string;
  init?: RequestInit;
  status: number;
  code: string;
  message?: RegExp;
  /** Run against an engine without any model. */
  noModels?: boolean;
};

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({
  method: 'POST',
  headers,
  body,
});
const chat = (value: unknown) => post(JSON.stringify(value));
const patch = (body: string) => ({ method: 'PATCH', headers: { 'content-type': 'application/json' }, body });

function chunkedBody(bytes: number): RequestInit {
  const chunk = new TextEncoder().encode(`{"content":"${'a'.repeat(bytes)}"}`);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < chunk.length; i += 1000) c.enqueue(chunk.slice(i, i + 1000));
      c.close();
    },
  });
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit;
}

const cases: Case[] = [
  {
    name: 'attachments not a list',
    path: '/api/v1/chat',
    init: chat({ content: 'hi', attachments: 'f1' }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'attachments naming an unknown file',
    path: '/api/v1/chat',
    init: chat({ content: 'hi', attachments: ['no-such-file'] }),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'an unknown field when creating a conversation',
    path: '/api/v1/conversations',
    init: chat({ model: 'default' }),
    status: 400,
    code: 'invalid_request',
  },
  { name: 'malformed JSON', path: '/api/v1/chat', init: post('{"content": "hi"'), status: 400, code: 'invalid_json' },
  { name: 'empty body', path: '/api/v1/chat', init: post(''), status: 400, code: 'invalid_json' },
  {
    name: 'JSON that is not an object',
    path: '/api/v1/chat',
    init: chat(['hi']),
    status: 400,
    code: 'invalid_request',
    message: /expected object/,
  },
  {
    name: 'missing content',
    path: '/api/v1/chat',
    init: chat({}),
    status: 400,
    code: 'invalid_request',
    message: /content/,
  },
  {
    name: 'content of the wrong type',
    path: '/api/v1/chat',
    init: chat({ content: 42 }),
    status: 400,
    code: 'invalid_request',
    message: /content: .*string/,
  },
  { name: 'empty content', path: '/api/v1/chat', init: chat({ content: '' }), status: 400, code: 'invalid_request' },
  {
    name: 'blank content',
    path: '/api/v1/chat',
    init: chat({ content: '  \n ' }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'content over the length limit',
    path: '/api/v1/chat',
    init: chat({ content: 'x'.repeat(1001) }),
    status: 400,
    code: 'invalid_request',
    message: /content/,
  },
  {
    name: 'unknown field',
    path: '/api/v1/chat',
    init: chat({ content: 'hi', temperature: 2 }),
    status: 400,
    code: 'invalid_request',
    message: /temperature/,
  },
  {
    name: 'conversationId of the wrong type',
    path: '/api/v1/chat',
    init: chat({ content: 'hi', conversationId: 7 }),
    status: 400,
    code: 'invalid_request',
    message: /conversationId/,
  },
  {
    name: 'unknown conversation',
    path: '/api/v1/chat',
    init: chat({ content: 'hi', conversationId: 'nope' }),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'unknown model alias',
    path: '/api/v1/chat',
    init: chat({ content: 'hi', model: 'gpt-17' }),
    status: 400,
    code: 'unknown_model',
  },
  {
    name: 'no model configured',
    path: '/api/v1/chat',
    init: chat({ content: 'hi' }),
    status: 503,
    code: 'no_model_configured',
    noModels: true,
  },
  {
    name: 'body over the size limit (Content-Length)',
    path: '/api/v1/chat',
    init: chat({ content: 'a'.repeat(5000) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'body over the size limit (chunked, no Content-Length)',
    path: '/api/v1/chat',
    init: chunkedBody(5000),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'wrong content type',
    path: '/api/v1/chat',
    init: post('content=hi', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'no content type',
    path: '/api/v1/chat',
    init: post('{"content":"hi"}', {}),
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'unknown route', path: '/api/v1/nope', status: 404, code: 'not_found' },
  { name: 'unknown route outside the API', path: '/favicon.ico', status: 404, code: 'not_found' },
  { name: 'wrong method on chat', path: '/api/v1/chat', status: 405, code: 'method_not_allowed' },
  {
    name: 'wrong method on a conversation',
    path: '/api/v1/conversations/abc',
    init: { method: 'POST' },
    status: 405,
    code: 'method_not_allowed',
  },
  { name: 'unknown conversation (GET)', path: '/api/v1/conversations/nope', status: 404, code: 'not_found' },
  {
    name: 'absurdly long conversation id',
    path: `/api/v1/conversations/${'x'.repeat(5000)}`,
    status: 404,
    code: 'not_found',
  },
  {
    name: 'unknown conversation (DELETE)',
    path: '/api/v1/conversations/nope',
    init: { method: 'DELETE' },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'unknown conversation (PATCH)',
    path: '/api/v1/conversations/nope',
    init: patch('{"title":"t"}'),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'rename with an unknown field',
    path: '/api/v1/conversations/nope',
    init: patch('{"title":"t","colour":"red"}'),
    status: 400,
    code: 'invalid_request',
    message: /colour/,
  },
  {
    name: 'rename with an empty title',
    path: '/api/v1/conversations/nope',
    init: patch('{"title":"   "}'),
    status: 400,
    code: 'invalid_request',
    message: /title/,
  },
  {
    name: 'rename with malformed JSON',
    path: '/api/v1/conversations/x',
    init: patch('{'),
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'limit that is not a number',
    path: '/api/v1/conversations?limit=ten',
    status: 400,
    code: 'invalid_request',
    message: /limit/,
  },
  { name: 'limit out of range', path: '/api/v1/conversations?limit=1000', status: 400, code: 'invalid_request' },
  { name: 'garbage cursor', path: '/api/v1/conversations?cursor=%%%%', status: 400, code: 'invalid_request' },
  { name: 'unknown query parameter', path: '/api/v1/conversations?sort=asc', status: 400, code: 'invalid_request' },
  {
    name: 'X-User-Id with unsafe characters',
    path: '/api/v1/conversations',
    init: { headers: { 'x-user-id': 'alice<script>' } },
    status: 400,
    code: 'invalid_request',
    message: /X-User-Id/,
  },
  {
    name: 'X-User-Id too long',
    path: '/api/v1/conversations',
    init: { headers: { 'x-user-id': 'a'.repeat(129) } },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'empty X-User-Id',
    path: '/api/v1/conversations',
    init: { headers: { 'x-user-id': '' } },
    status: 400,
    code: 'invalid_request',
  },
];

describe('bad input answers a 4xx JSON error, never a 500', () => {
  it.each(cases)('$name → $status $code', async ({ path, init, status, code, message, noModels }) => {
    const models: Record<string, ChatModel> = noModels ? {} : { default: scriptedChatModel({ deltas: ['x'] }) };
    const { app, logged } = createTestApp(models, { maxBodyBytes: 2048, maxContentLength: 1000 });
    const res = await app.request(path, init);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    if (message) expect(body.error.message).toMatch(message);
    expect(logged).toEqual([]);
  });

  it('answers conversation_busy 409 while an answer is streaming in the same conversation', async () => {
    const model = scriptedChatModel({ deltas: ['a'], hang: true });
    const { app } = createTestApp({ default: model });
    const first = await app.request('/api/v1/chat', chat({ content: 'one' }));
    const reader = first.body!.getReader();
    const { value } = await reader.read();
    const id = parseSse(new TextDecoder().decode(value))[0]?.data.conversation.id;
    const second = await app.request('/api/v1/chat', chat({ content: 'two', conversationId: id }));
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('conversation_busy');
    await reader.cancel();
  });

  it('hides unexpected errors behind a generic 500 and logs them', async () => {
    const { app, logged } = createTestApp({});
    app.get('/boom', () => {
      throw new Error('db password=hunter2 at https://internal.example');
    });
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal server error.' } });
    expect(text).not.toContain('hunter2');
    expect(logged).toHaveLength(1);
  });
});
