import {
  type ChatModel,
  createChatEngine,
  createKnowledgeBase,
  createMemoryChatStore,
  createMemoryKnowledgeStore,
} from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createIdentityApp, jsonInit } from '../../test/identity-app.js';
import { createChatApp } from '../app/create-chat-app.js';

describe('feedback on answers', () => {
  it('rates the owner’s answers only, shows the rating when read, and exports it to admins', async () => {
    const env = await createIdentityApp({ default: scriptedChatModel({ deltas: ['Hi'] }) });
    const { app, bearer, jwt } = env;
    const alice = bearer(await jwt('alice', 'acme'));
    const bob = bearer(await jwt('bob', 'acme'));
    const sent = parseSse(await (await app.request('/api/v1/chat', jsonInit('POST', { content: 'hi' }, alice))).text());
    const id: string = sent.find((e) => e.event === 'conversation')?.data.conversation.id;
    const start = sent.find((e) => e.event === 'message-start')?.data;
    const url = (messageId: string, conversationId = id) =>
      `/api/v1/conversations/${conversationId}/messages/${messageId}/feedback`;

    const rated = await app.request(
      url(start.messageId),
      jsonInit('POST', { rating: 'down', comment: '  Cites last year’s policy. ' }, alice),
    );
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({
      messageId: start.messageId,
      feedback: { rating: 'down', comment: 'Cites last year’s policy.', at: expect.any(String) },
    });
    const read = (await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json()) as {
      messages: Array<{ id: string; feedback: unknown; citations: unknown }>;
    };
    expect(read.messages.map((m) => m.feedback)).toEqual([null, expect.objectContaining({ rating: 'down' })]);
    expect(read.messages.map((m) => m.citations)).toEqual([[], []]);

    // Someone else's answer, a question, a made-up id, the wrong conversation: 404, nothing changes.
    for (const [path, who] of [
      [url(start.messageId), bob],
      [url(start.userMessageId), alice],
      [url('00000000-0000-4000-8000-000000000000'), alice],
      [url(start.messageId, '00000000-0000-4000-8000-000000000000'), alice],
      [url('x'.repeat(200)), alice],
    ] as const) {
      const res = await app.request(path, jsonInit('POST', { rating: 'up' }, who));
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    // Bad input: 400 with a documented code; other methods 405.
    for (const body of [{}, { rating: 'meh' }, { rating: 'up', comment: 'x'.repeat(2001) }, { rating: 'up', x: 1 }]) {
      const res = await app.request(url(start.messageId), jsonInit('POST', body, alice));
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect((await app.request(url(start.messageId), { headers: alice })).status).toBe(405);

    // Rating again replaces it.
    await app.request(url(start.messageId), jsonInit('POST', { rating: 'up' }, alice));
    const admin = bearer(await jwt('boss', 'acme', {}, ['user', 'admin']));
    const records = (await (await app.request('/api/v1/admin/usage/records', { headers: admin })).json()) as {
      records: Array<{ messageId: string; feedback: unknown }>;
    };
    expect(records.records).toEqual([
      expect.objectContaining({
        messageId: start.messageId,
        feedback: { rating: 'up', comment: null, at: expect.any(String) },
      }),
    ]);
    const csv = (await (await app.request('/api/v1/admin/usage/records?format=csv', { headers: admin })).text()).split(
      '\r\n',
    );
    const header = csv[0]!.split(',');
    expect(header.slice(-3)).toEqual(['messageId', 'feedback', 'feedbackComment']);
    expect(csv[1]!.split(',').slice(-3)).toEqual([start.messageId, 'up', '']);
  });
});

describe('citations in a stored conversation', () => {
  it('returns the passages the answer marks with GET /conversations/:id', async () => {
    const knowledge = createKnowledgeBase({
      store: createMemoryKnowledgeStore(),
      logger: { info() {}, warn() {}, error() {} },
    });
    const marker: ChatModel = {
      specificationVersion: 'v1',
      provider: 'test',
      modelId: 'marker',
      async *doStream() {
        yield { type: 'text-delta', text: 'You get 30 days [1].' };
        yield { type: 'finish', finishReason: 'stop' };
      },
    };
    const engine = createChatEngine({
      models: { default: marker },
      store: createMemoryChatStore(),
      knowledge,
      tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    });
    const app = createChatApp({ engine, dev: true, knowledge, logger: () => {} });
    const headers = { 'x-user-id': 'alice' };
    const form = new FormData();
    form.append('file', new File(['Holidays: 30 days a year.'], 'policy.txt', { type: 'text/plain' }));
    expect((await app.request('/api/v1/files', { method: 'POST', body: form, headers })).status).toBe(201);

    const sent = parseSse(
      await (
        await app.request('/api/v1/chat', jsonInit('POST', { content: 'How many holidays do we get?' }, headers))
      ).text(),
    );
    const streamed = sent.filter((e) => e.event === 'citation').map((e) => e.data);
    expect(streamed).toEqual([expect.objectContaining({ index: 1, fileName: 'policy.txt' })]);
    const id: string = sent.find((e) => e.event === 'conversation')?.data.conversation.id;
    const read = (await (await app.request(`/api/v1/conversations/${id}`, { headers })).json()) as {
      messages: Array<{ citations: unknown[] }>;
    };
    const { type: _type, messageId: _messageId, ...citation } = streamed[0];
    expect(read.messages[1]?.citations).toEqual([citation]);
    expect(citation).toMatchObject({ snippet: expect.stringContaining('30 days'), passageId: expect.any(String) });
  });
});
