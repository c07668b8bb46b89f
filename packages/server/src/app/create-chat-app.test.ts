import { createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { answerText, parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';
import { createChatApp } from './create-chat-app.js';

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('createChatApp', () => {
  it('says in the log why every request will be 401 when neither an identity nor dev mode is configured', async () => {
    const engine = createChatEngine({ models: {}, store: createMemoryChatStore(), sweepIntervalMs: 0 });
    const logged: string[] = [];
    const app = createChatApp({ engine, dev: false, logger: (message) => logged.push(message) });
    expect(logged).toEqual([expect.stringMatching(/^No identity is configured and development mode is off/)]);
    expect((await app.request('/api/v1/conversations')).status).toBe(401);
    createChatApp({ engine, dev: true, logger: (message) => logged.push(message) });
    expect(logged).toHaveLength(1);
  });

  it('explains a loadWidgetAssets() result passed as the widget', () => {
    const engine = createChatEngine({ models: {}, store: createMemoryChatStore(), sweepIntervalMs: 0 });
    const widget = { assets: { script: 'export {}' } } as never;
    expect(() => createChatApp({ engine, dev: true, widget })).toThrow(/pass its `\.assets`/);
    const missing = { error: 'the widget is not built' } as never;
    expect(() => createChatApp({ engine, dev: true, widget: missing })).toThrow(
      /the widget could not be loaded: the widget is not built/,
    );
  });

  it('streams a chat as SSE with ids, event types and the SSE headers', async () => {
    const model = scriptedChatModel({ deltas: ['Hello', ', ', 'world'] });
    const { app } = createTestApp({ default: model });
    const res = await app.request('/api/v1/chat', json({ content: 'Hi there' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual([
      'conversation',
      'message-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'message-end',
    ]);
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(answerText(events)).toBe('Hello, world');
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
    expect(model.calls[0]?.request.messages.at(-1)).toEqual({ role: 'user', content: 'Hi there' });
  });

  it('lists, reads, renames and deletes conversations of the requesting user only', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['Answer'] }) });
    const alice = { 'x-user-id': 'alice' };
    const events = parseSse(
      await (await app.request('/api/v1/chat', json({ content: 'First question' }, alice))).text(),
    );
    const id: string = events[0]?.data.conversation.id;

    const list = await (await app.request('/api/v1/conversations', { headers: alice })).json();
    expect(list).toMatchObject({ conversations: [{ id, title: expect.any(String) }], nextCursor: null });
    expect(list.conversations[0]).not.toHaveProperty('userId');

    const got = await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json();
    expect(got.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'First question'],
      ['assistant', 'Answer'],
    ]);

    // Bob sees nothing of Alice's: 404, exactly like a conversation that does not exist.
    const bob = { 'x-user-id': 'bob' };
    expect((await app.request(`/api/v1/conversations/${id}`, { headers: bob })).status).toBe(404);
    expect(await (await app.request('/api/v1/conversations', { headers: bob })).json()).toEqual({
      conversations: [],
      nextCursor: null,
    });
    const bobRename = await app.request(`/api/v1/conversations/${id}`, {
      ...json({ title: 'x' }, bob),
      method: 'PATCH',
    });
    expect(bobRename.status).toBe(404);
    expect((await app.request(`/api/v1/conversations/${id}`, { method: 'DELETE', headers: bob })).status).toBe(404);

    const renamed = await app.request(`/api/v1/conversations/${id}`, {
      ...json({ title: '  Renamed  ' }, alice),
      method: 'PATCH',
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).conversation.title).toBe('Renamed');

    expect((await app.request(`/api/v1/conversations/${id}`, { method: 'DELETE', headers: alice })).status).toBe(204);
    expect((await app.request(`/api/v1/conversations/${id}`, { headers: alice })).status).toBe(404);
  });

  it('continues a conversation and paginates the listing', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['ok'] }) });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const events = parseSse(await (await app.request('/api/v1/chat', json({ content: `Question ${i}` }))).text());
      ids.push(events[0]?.data.conversation.id);
    }
    const again = parseSse(
      await (await app.request('/api/v1/chat', json({ content: 'Follow-up', conversationId: ids[0] }))).text(),
    );
    expect(again[0]?.data).toMatchObject({ created: false, conversation: { id: ids[0] } });

    const page1 = await (await app.request('/api/v1/conversations?limit=2')).json();
    expect(page1.conversations.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[2]]);
    const page2 = await (
      await app.request(`/api/v1/conversations?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)
    ).json();
    expect(page2).toMatchObject({ conversations: [{ id: ids[1] }], nextCursor: null });
  });

  it('lists models and answers health', async () => {
    const { app } = createTestApp({
      default: scriptedChatModel({ deltas: [] }, { modelId: 'gpt-x', provider: 'openai' }),
      fast: scriptedChatModel({ deltas: [] }, { modelId: 'claude-y', provider: 'anthropic' }),
    });
    expect(await (await app.request('/health')).json()).toEqual({
      status: 'ok',
      checks: { store: 'ok', models: 'ok' },
    });
    expect(await (await app.request('/api/v1/models')).json()).toEqual({
      models: [
        { id: 'default', provider: 'openai', modelId: 'gpt-x', default: true },
        { id: 'fast', provider: 'anthropic', modelId: 'claude-y', default: false },
      ],
    });
  });

  it('uses dev-user when X-User-Id is absent in dev mode', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['a'] }) });
    await (await app.request('/api/v1/chat', json({ content: 'hello' }))).text();
    const list = await (await app.request('/api/v1/conversations', { headers: { 'x-user-id': 'dev-user' } })).json();
    expect(list.conversations).toHaveLength(1);
  });

  it('rejects every API request with 401 outside dev mode, but keeps /health open', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['a'] }) }, { dev: false });
    for (const [path, init] of [
      ['/api/v1/chat', json({ content: 'hi' }, { 'x-user-id': 'alice' })],
      ['/api/v1/conversations', { headers: { 'x-user-id': 'alice' } }],
      ['/api/v1/models', {}],
    ] as const) {
      const res = await app.request(path, init);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body.error.code).toBe('unauthenticated');
      expect(body.error.message).toMatch(/authentication required/i);
    }
    expect((await app.request('/health')).status).toBe(200);
  });
});
