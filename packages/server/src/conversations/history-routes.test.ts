import { type ChatStore, createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { createPgliteChatStore } from '@company-chat/core/pglite';
import { answerText, parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatApp } from '../app/create-chat-app.js';

const alice = { 'x-user-id': 'alice' };
const bob = { 'x-user-id': 'bob' };
const json = (body: unknown, headers: Record<string, string>, method = 'POST') => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const running: Array<{ engine: { shutdown(): Promise<void> }; store: ChatStore }> = [];
afterEach(async () => {
  // Shut the engine down first: it waits for answers still finishing (and releasing their lock).
  for (const { engine, store } of running.splice(0)) {
    await engine.shutdown();
    await store.close();
  }
});

type App = ReturnType<typeof createChatApp>;

/** Alice's conversation with one question and its answer. */
async function aliceConversation(app: App) {
  const events = parseSse(
    await (await app.request('/api/v1/chat', json({ content: 'Quarterly numbers?' }, alice))).text(),
  );
  const start = events.find((e) => e.event === 'message-start')!.data;
  return {
    id: events[0]!.data.conversation.id as string,
    question: start.userMessageId as string,
    answer: start.messageId as string,
  };
}

// The same routes over the memory store and over PGlite (real SQL, ownership checked in the queries).
describe.each(['memory', 'PGlite'])('history routes on %s', (kind) => {
  async function setup(): Promise<{ app: App }> {
    const store = kind === 'memory' ? createMemoryChatStore() : await createPgliteChatStore();
    const engine = createChatEngine({
      models: { default: scriptedChatModel({ deltas: ['Answer'] }) },
      store,
      tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    });
    running.push({ engine, store });
    return { app: createChatApp({ engine, dev: true, logger: () => {} }) };
  }

  it('creates an empty conversation that its first message names; only its owner sees it', async () => {
    const { app } = await setup();
    const res = await app.request('/api/v1/conversations', json({}, alice));
    expect(res.status).toBe(201);
    const { conversation } = await res.json();
    expect(conversation).toMatchObject({ title: '', useKnowledge: true, activeLeafId: null });
    expect((await app.request(`/api/v1/conversations/${conversation.id}`, { headers: bob })).status).toBe(404);
    const events = parseSse(
      await (
        await app.request('/api/v1/chat', json({ conversationId: conversation.id, content: 'Travel policy?' }, alice))
      ).text(),
    );
    expect(events[0]!.data.conversation).toMatchObject({ id: conversation.id, title: 'Travel policy?' });
    const read = await (await app.request(`/api/v1/conversations/${conversation.id}`, { headers: alice })).json();
    expect(read.conversation.title).toBe('Travel policy?');
    expect(read.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    const titled = await (
      await app.request('/api/v1/conversations', json({ title: 'Plans', useKnowledge: false }, alice))
    ).json();
    expect(titled.conversation).toMatchObject({ title: 'Plans', useKnowledge: false });
    expect((await app.request('/api/v1/conversations', json({ model: 'x' }, alice))).status).toBe(400);
    expect((await app.request('/api/v1/conversations', json({ title: ' ' }, alice))).status).toBe(400);
  });

  it('regenerates an answer over SSE and switches back to the first one', async () => {
    const { app } = await setup();
    const { id, answer } = await aliceConversation(app);
    const res = await app.request(`/api/v1/conversations/${id}/messages/${answer}/regenerate`, {
      method: 'POST',
      headers: alice,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['conversation', 'message-start', 'text-delta', 'usage', 'message-end']);
    const second = events[1]!.data.messageId;

    const read = await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json();
    expect(read.messages.map((m: { id: string }) => m.id).at(-1)).toBe(second);
    expect(read.messages.at(-1).siblingIds).toEqual([answer, second]);

    const switched = await app.request(
      `/api/v1/conversations/${id}/active-leaf`,
      json({ messageId: answer }, alice, 'PUT'),
    );
    expect(switched.status).toBe(200);
    const body = await switched.json();
    expect(body.conversation.activeLeafId).toBe(answer);
    expect(body.messages.map((m: { id: string }) => m.id).at(-1)).toBe(answer);
  });

  it('edits a question into a new branch over SSE', async () => {
    const { app } = await setup();
    const { id, question } = await aliceConversation(app);
    const res = await app.request(
      `/api/v1/conversations/${id}/messages/${question}/edit`,
      json({ content: 'Yearly numbers?' }, alice),
    );
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    expect(answerText(events)).toBe('Answer');
    const read = await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json();
    expect(read.messages.map((m: { content: string }) => m.content)).toEqual(['Yearly numbers?', 'Answer']);
    expect(read.messages[0].siblingIds).toHaveLength(2);
  });

  it('searches, pins and archives', async () => {
    const { app } = await setup();
    const { id } = await aliceConversation(app);
    const search = async (q: string, extra = '') =>
      (await (await app.request(`/api/v1/conversations?q=${encodeURIComponent(q)}${extra}`, { headers: alice })).json())
        .conversations.length;
    expect(await search('quarter')).toBe(1);
    expect(await search('answ')).toBe(1);
    expect(await search('holiday')).toBe(0);
    const patched = await app.request(
      `/api/v1/conversations/${id}`,
      json({ pinned: true, archived: true }, alice, 'PATCH'),
    );
    expect(await patched.json()).toMatchObject({ conversation: { pinned: true, archived: true } });
    expect(await search('quarter')).toBe(0);
    expect(await search('quarter', '&archived=include')).toBe(1);
    const empty = await app.request(`/api/v1/conversations/${id}`, json({}, alice, 'PATCH'));
    expect(empty.status).toBe(400);
  });

  it('keeps the knowledge switch per conversation: set by a chat request, changed by PATCH', async () => {
    const { app } = await setup();
    const events = parseSse(
      await (await app.request('/api/v1/chat', json({ content: 'Hi', useKnowledge: false }, alice))).text(),
    );
    const id = events[0]!.data.conversation.id as string;
    const read = async () => await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json();
    expect((await read()).conversation.useKnowledge).toBe(false);
    const patched = await app.request(`/api/v1/conversations/${id}`, json({ useKnowledge: true }, alice, 'PATCH'));
    expect(await patched.json()).toMatchObject({ conversation: { useKnowledge: true } });
    expect((await read()).conversation.useKnowledge).toBe(true);
    const { id: other } = await aliceConversation(app);
    expect((await read()).conversation.useKnowledge).toBe(true);
    const list = await (await app.request('/api/v1/conversations', { headers: alice })).json();
    expect(list.conversations.find((c: { id: string }) => c.id === other).useKnowledge).toBe(true);
    const bad = await app.request('/api/v1/chat', json({ content: 'Hi', useKnowledge: 'yes' }, alice));
    expect(bad.status).toBe(400);
    const badPatch = await app.request(`/api/v1/conversations/${id}`, json({ useKnowledge: 1 }, alice, 'PATCH'));
    expect(badPatch.status).toBe(400);
  });

  it('exports a conversation as JSON and Markdown, and everything of a user', async () => {
    const { app } = await setup();
    const { id } = await aliceConversation(app);
    const md = await app.request(`/api/v1/conversations/${id}/export?format=md`, { headers: alice });
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="Quarterly-numbers.md"');
    expect(await md.text()).toContain('## You\n\nQuarterly numbers?');
    const exported = await (await app.request(`/api/v1/conversations/${id}/export`, { headers: alice })).json();
    expect(exported.format).toBe('company-chat.conversation.v1');
    expect(exported.conversation.userId).toBeUndefined();
    expect(exported.messages).toHaveLength(2);
    expect((await app.request(`/api/v1/conversations/${id}/export?format=pdf`, { headers: alice })).status).toBe(400);

    const all = await (await app.request('/api/v1/me/export', { headers: alice })).json();
    expect(all.conversations).toHaveLength(1);
    expect((await (await app.request('/api/v1/me/export', { headers: bob })).json()).conversations).toEqual([]);
  });

  it('erases everything of the user and nothing of anyone else', async () => {
    const { app } = await setup();
    const { id } = await aliceConversation(app);
    await app.request('/api/v1/chat', json({ content: 'Bob here' }, bob));
    expect((await app.request('/api/v1/me', { method: 'DELETE', headers: bob })).status).toBe(200);
    expect((await app.request(`/api/v1/conversations/${id}`, { headers: alice })).status).toBe(200);
    const res = await app.request('/api/v1/me', { method: 'DELETE', headers: alice });
    expect(await res.json()).toEqual({ deleted: { conversations: 1 } });
    expect((await app.request(`/api/v1/conversations/${id}`, { headers: alice })).status).toBe(404);
  });

  it("answers 404 to user B on every route for user A's conversation and messages", async () => {
    const { app } = await setup();
    const { id, question, answer } = await aliceConversation(app);
    // Bob's own conversation, to try Alice's message ids inside it too.
    const bobEvents = parseSse(await (await app.request('/api/v1/chat', json({ content: 'mine' }, bob))).text());
    const bobId = bobEvents[0]!.data.conversation.id;
    const attempts: Array<[string, string, RequestInit]> = [
      ['read', `/api/v1/conversations/${id}`, { headers: bob }],
      ['rename', `/api/v1/conversations/${id}`, json({ title: 'x' }, bob, 'PATCH')],
      ['pin', `/api/v1/conversations/${id}`, json({ pinned: true }, bob, 'PATCH')],
      ['delete', `/api/v1/conversations/${id}`, { method: 'DELETE', headers: bob }],
      ['regenerate', `/api/v1/conversations/${id}/messages/${answer}/regenerate`, { method: 'POST', headers: bob }],
      [
        'regenerate in own',
        `/api/v1/conversations/${bobId}/messages/${answer}/regenerate`,
        { method: 'POST', headers: bob },
      ],
      ['edit', `/api/v1/conversations/${id}/messages/${question}/edit`, json({ content: 'x' }, bob)],
      ['edit in own', `/api/v1/conversations/${bobId}/messages/${question}/edit`, json({ content: 'x' }, bob)],
      ['export json', `/api/v1/conversations/${id}/export?format=json`, { headers: bob }],
      ['export md', `/api/v1/conversations/${id}/export?format=md`, { headers: bob }],
      ['switch branch', `/api/v1/conversations/${id}/active-leaf`, json({ messageId: answer }, bob, 'PUT')],
      [
        'switch to foreign message',
        `/api/v1/conversations/${bobId}/active-leaf`,
        json({ messageId: answer }, bob, 'PUT'),
      ],
      ['continue', '/api/v1/chat', json({ conversationId: id, content: 'x' }, bob)],
    ];
    for (const [name, path, init] of attempts) {
      const res = await app.request(path, init);
      expect([name, res.status]).toEqual([name, 404]);
      expect((await res.json()).error.code).toBe('not_found');
    }
    // Nothing of Alice's changed.
    const read = await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json();
    expect(read.conversation).toMatchObject({ title: 'Quarterly numbers?', pinned: false });
    expect(read.messages).toHaveLength(2);
  });

  it('replays a retried send with the same clientMessageId: same turn, no duplicate rows, no 500', async () => {
    const { app } = await setup();
    const body = { content: 'Retry me', clientMessageId: 'c-42' };
    const first = parseSse(await (await app.request('/api/v1/chat', json(body, alice))).text());
    const retry = await app.request('/api/v1/chat', json(body, alice));
    expect(retry.status).toBe(200);
    const events = parseSse(await retry.text());
    expect(events.map((e) => e.event)).toEqual(['conversation', 'message-start', 'text-delta', 'usage', 'message-end']);
    expect(events[1]!.data).toEqual(first.find((e) => e.event === 'message-start')!.data);
    expect(answerText(events)).toBe('Answer');
    const id = first[0]!.data.conversation.id;
    const read = await (await app.request(`/api/v1/conversations/${id}`, { headers: alice })).json();
    expect(read.messages).toHaveLength(2);
    const list = await (await app.request('/api/v1/conversations', { headers: alice })).json();
    expect(list.conversations).toHaveLength(1);
  });

  it('answers 404 for unknown and malformed ids, never 500', async () => {
    const { app } = await setup();
    const { id } = await aliceConversation(app);
    for (const bad of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', 'x'.repeat(200)]) {
      const paths: Array<[string, RequestInit]> = [
        [`/api/v1/conversations/${bad}/messages/${bad}/regenerate`, { method: 'POST', headers: alice }],
        [`/api/v1/conversations/${id}/messages/${bad}/edit`, json({ content: 'x' }, alice)],
        [`/api/v1/conversations/${bad}/export`, { headers: alice }],
        [`/api/v1/conversations/${id}/active-leaf`, json({ messageId: bad.slice(0, 100) }, alice, 'PUT')],
      ];
      for (const [path, init] of paths) expect([path, (await app.request(path, init)).status]).toEqual([path, 404]);
    }
  });
});
