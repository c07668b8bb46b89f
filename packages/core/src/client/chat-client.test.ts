import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../engine/chat-events.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { createMemoryQuotaLedger } from '../quotas/memory-quota-ledger.js';
import { ChatClient } from './chat-client.js';
import { createChatState } from './chat-state.js';
import { olderServer } from './testing/older-server.js';
import { scriptMessage } from './testing/scripted-chat-model.js';
import { type ChatTestServer, startChatTestServer } from './testing/start-chat-test-server.js';

let server: ChatTestServer;
beforeAll(async () => {
  server = await startChatTestServer();
});
afterAll(() => server.close());

const clientFor = (user: string, extra: Partial<ConstructorParameters<typeof ChatClient>[0]> = {}) =>
  new ChatClient({ endpoint: server.url, headers: { 'x-user-id': user }, ...extra });

async function collect(stream: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('ChatClient.send', () => {
  it('streams the ChatEvents of a new conversation in order', async () => {
    const client = clientFor('alice');
    const events = await collect(client.send({ content: scriptMessage({ chunks: ['Hel', 'lo', '!'] }) }));
    expect(events.map((e) => e.type)).toEqual([
      'conversation',
      'message-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'message-end',
    ]);
    const end = events.at(-1);
    expect(end?.type === 'message-end' && end.status).toBe('complete');
  });

  it('fires callbacks and summarises the answer in result()', async () => {
    const client = clientFor('alice');
    const deltas: string[] = [];
    let conversationId = '';
    const stream = client.send(
      { content: 'ping' },
      { onTextDelta: (d) => deltas.push(d), onConversation: (c) => (conversationId = c.id) },
    );
    const result = await stream.result();
    expect(deltas.join('')).toBe('You said: ping');
    expect(result).toMatchObject({ conversationId, text: 'You said: ping', status: 'complete', error: null });
    expect(result.messageId).toBeTruthy();

    // Continuing the same conversation.
    const second = await client.send({ content: 'again', conversationId }).result();
    expect(second.conversationId).toBe(conversationId);
    const { messages } = await client.getConversation(conversationId);
    expect(messages.map((m) => m.content)).toEqual(['ping', 'You said: ping', 'again', 'You said: again']);
  });

  it('stop() aborts the request; the server stores the partial answer as aborted', async () => {
    const client = clientFor('bob');
    const stream = client.send({ content: scriptMessage({ chunks: ['partial '], hang: true }) });
    const events: ChatEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'text-delta') client.stop();
    }
    const result = await stream.result();
    expect(result.status).toBe('aborted');
    expect(result.text).toBe('partial ');
    // The server notices the disconnect and finalises the message.
    await expect
      .poll(
        async () => {
          const { messages } = await client.getConversation(result.conversationId!);
          return messages.at(-1)?.status;
        },
        { timeout: 10_000, interval: 50 },
      )
      .toBe('aborted');
  });

  it('relays a provider failure after the start as an error event, keeping the partial text', async () => {
    const client = clientFor('carol');
    const errors: string[] = [];
    const result = await client
      .send(
        { content: scriptMessage({ chunks: ['some'], error: 'rate_limited' }) },
        { onError: (e) => errors.push(e.code) },
      )
      .result();
    expect(errors).toEqual(['rate_limited']);
    expect(result).toMatchObject({ text: 'some', status: 'error', error: { code: 'rate_limited', retryable: true } });
  });

  it('throws a typed CompanyChatError for errors before the stream', async () => {
    const client = clientFor('carol');
    const failure = await collect(client.send({ content: 'x', model: 'nope' })).catch((e: unknown) => e);
    expect(CompanyChatError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'unknown_model', statusCode: 400 });

    const blank = await client
      .send({ content: '   ' })
      .result()
      .catch((e: unknown) => e);
    expect(blank).toMatchObject({ code: 'invalid_request', statusCode: 400 });
  });

  it('maps an unreachable server to a retryable network error', async () => {
    const client = new ChatClient({ endpoint: 'http://127.0.0.1:9' });
    const failure = await client.listModels().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'network', isRetryable: true });
  });
});

describe('ChatClient conversations and models', () => {
  it('lists, renames and deletes conversations, scoped to the user', async () => {
    const dave = clientFor('dave');
    const { conversationId } = await dave.send({ content: 'first' }).result();
    const page = await dave.listConversations({ limit: 10 });
    expect(page.conversations.map((c) => c.id)).toEqual([conversationId]);
    expect(page.nextCursor).toBeNull();

    const renamed = await dave.renameConversation(conversationId!, 'Renamed');
    expect(renamed.title).toBe('Renamed');
    expect((await dave.getConversation(conversationId!)).conversation.title).toBe('Renamed');

    // Another user cannot see it.
    const eve = clientFor('eve');
    await expect(eve.getConversation(conversationId!)).rejects.toMatchObject({ code: 'not_found', statusCode: 404 });
    expect((await eve.listConversations()).conversations).toEqual([]);

    await dave.deleteConversation(conversationId!);
    await expect(dave.getConversation(conversationId!)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('pages through conversations by cursor and searches them on the server', async () => {
    const gina = clientFor('gina');
    const ids: string[] = [];
    for (const content of ['quarterly numbers', 'holiday plans', 'quarterly review']) {
      ids.push((await gina.send({ content }).result()).conversationId!);
    }
    const first = await gina.listConversations({ limit: 2 });
    expect(first.conversations.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const second = await gina.listConversations({ limit: 2, cursor: first.nextCursor });
    expect(second.conversations.map((c) => c.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();

    const found = await gina.listConversations({ query: 'quarter' });
    expect(found.conversations.map((c) => c.id)).toEqual([ids[2], ids[0]]);
    expect((await gina.listConversations({ query: 'nothing-like-this' })).conversations).toEqual([]);
    // Another user's words find nothing of gina's.
    expect((await clientFor('hal').listConversations({ query: 'quarter' })).conversations).toEqual([]);
  });

  it('lists the models', async () => {
    const models = await clientFor('frank').listModels();
    expect(models.map((m) => [m.id, m.default])).toEqual([
      ['default', true],
      ['fast', false],
    ]);
  });
});

describe('ChatClient auth', () => {
  it('sends the token and refreshes it once after a 401', async () => {
    const seen: string[] = [];
    const calls: boolean[] = [];
    // This fetch plays a gateway in front of the dev server: it checks the token, then forwards without it.
    const gateway: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      const auth = headers.get('authorization') ?? '';
      headers.delete('authorization');
      seen.push(auth);
      if (auth !== 'Bearer fresh') {
        return new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Token expired' } }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      }
      return fetch(input, { ...init, headers });
    };
    const client = clientFor('gina', {
      fetch: gateway,
      getToken: ({ refresh }) => {
        calls.push(refresh);
        return refresh ? 'fresh' : 'stale';
      },
    });
    const result = await client.send({ content: 'hi' }).result();
    expect(result.status).toBe('complete');
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(calls).toEqual([false, true]);
  });

  it('gives up after one refresh and surfaces the server error', async () => {
    const client = clientFor('gina', {
      token: 'ignored',
      getToken: () => 'still-bad',
      fetch: async () =>
        new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Nope' } }), { status: 401 }),
    });
    await expect(client.listConversations()).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'Nope',
      statusCode: 401,
    });
  });
});

describe('ChatClient branches', () => {
  it('regenerates an answer as a new version and switches between versions', async () => {
    const client = clientFor('ivy');
    const first = await client.send({ content: 'question' }).result();
    const cid = first.conversationId!;
    const again = await client.regenerate({ conversationId: cid, messageId: first.messageId! }).result();
    expect(again).toMatchObject({ status: 'complete', text: 'You said: question', userMessageId: first.userMessageId });
    expect(again.messageId).not.toBe(first.messageId);

    let { messages } = await client.getConversation(cid);
    expect(messages.map((m) => m.id)).toEqual([first.userMessageId, again.messageId]);
    expect(messages[1]?.siblingIds).toEqual([first.messageId, again.messageId]);

    ({ messages } = await client.setActiveBranch(cid, first.messageId!));
    expect(messages.map((m) => m.id)).toEqual([first.userMessageId, first.messageId]);
  });

  it('edits a user message into a new branch', async () => {
    const client = clientFor('ivy');
    const first = await client.send({ content: 'original' }).result();
    const cid = first.conversationId!;
    const edited = await client
      .editMessage({ conversationId: cid, messageId: first.userMessageId!, content: 'edited' })
      .result();
    expect(edited.text).toBe('You said: edited');
    const { messages } = await client.getConversation(cid);
    expect(messages.map((m) => m.content)).toEqual(['edited', 'You said: edited']);
    expect(messages[0]?.siblingIds).toEqual([first.userMessageId, edited.userMessageId]);
  });

  it('reports not_supported for branch features on a server without the routes', async () => {
    const client = clientFor('ivy', { fetch: olderServer });
    const { conversationId, messageId, userMessageId } = await client.send({ content: 'q' }).result();
    await expect(
      client.regenerate({ conversationId: conversationId!, messageId: messageId! }).result(),
    ).rejects.toMatchObject({ code: 'not_supported', statusCode: 501 });
    await expect(
      client.editMessage({ conversationId: conversationId!, messageId: userMessageId!, content: 'x' }).result(),
    ).rejects.toMatchObject({ code: 'not_supported' });
    await expect(client.setActiveBranch(conversationId!, messageId!)).rejects.toMatchObject({ code: 'not_supported' });
    // A real 404 (unknown conversation) stays a not_found.
    await expect(client.getConversation('nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('ChatClient.uploadFile', () => {
  it('uploads a file to the knowledge base', async () => {
    const withFiles = await startChatTestServer({ files: true });
    try {
      const client = new ChatClient({ endpoint: withFiles.url, headers: { 'x-user-id': 'jo' } });
      const text = 'Parental leave is 16 weeks at full pay.\n\nAsk HR for the form.';
      const file = await client.uploadFile(new Blob([text], { type: 'text/plain' }), { name: 'handbook.txt' });
      expect(file).toMatchObject({ name: 'handbook.txt', status: 'ready', version: 1, duplicate: false });
      expect(file.id).toBeTruthy();
      const again = await client.uploadFile(new Blob([text], { type: 'text/plain' }), { name: 'handbook.txt' });
      expect(again).toMatchObject({ id: file.id, duplicate: true });
      expect((await client.listFiles({ limit: 10 })).map((f) => f.id)).toEqual([file.id]);
    } finally {
      await withFiles.close();
    }
  });

  it('attaches a file to a new chat, sends it with a message, opens the cited passage, edits, exports and deletes', async () => {
    const withFiles = await startChatTestServer({
      files: true,
      replies: { 'How are desks booked?': 'Desks are booked in the app [1].' },
    });
    try {
      const client = new ChatClient({ endpoint: withFiles.url, headers: { 'x-user-id': 'kim' } });
      const chat = createChatState({ client });
      const conversationId = await chat.ensureConversation();
      expect(conversationId).toBeTruthy();
      expect(await chat.ensureConversation()).toBe(conversationId);
      const file = await client.uploadFile(new Blob(['Desks are booked in the app.'], { type: 'text/plain' }), {
        name: 'desks.txt',
        conversationId: conversationId ?? undefined,
      });
      const attachments = [{ fileId: file.id, name: file.name, sizeBytes: file.sizeBytes }];
      await chat.send('How are desks booked?', { attachments });
      expect(chat.getSnapshot().conversationId).toBe(conversationId);
      expect(chat.getSnapshot().messages[0]?.attachments).toEqual(attachments);
      const stored = await client.getConversation(conversationId!);
      expect(stored.conversation.title).toBe('How are desks booked?');
      expect(stored.messages[0]?.attachments).toEqual(attachments);
      await chat.load(conversationId!);
      expect(chat.getSnapshot().messages[0]?.attachments).toEqual(attachments);

      const [cited] = chat.getSnapshot().messages[1]?.citations ?? [];
      expect(cited).toMatchObject({ fileId: file.id, fileName: 'desks.txt', passageId: expect.any(String) });
      const passage = await client.getPassage(file.id, cited!.passageId!);
      expect(passage).toMatchObject({ file: { id: file.id, name: 'desks.txt' }, previous: null, next: null });
      expect(passage.passage).toMatchObject({ id: cited!.passageId, text: 'Desks are booked in the app.' });
      const someoneElse = new ChatClient({ endpoint: withFiles.url, headers: { 'x-user-id': 'lee' } });
      await expect(someoneElse.getPassage(file.id, cited!.passageId!)).rejects.toMatchObject({ code: 'not_found' });

      // An edited question keeps its files, in the local message at once and as the server stores it.
      const editing = chat.edit(chat.getSnapshot().messages[0]!.id, 'Where do I book a desk?');
      expect(chat.getSnapshot().messages[0]).toMatchObject({ content: 'Where do I book a desk?', attachments });
      await editing;
      expect(chat.getSnapshot().messages[0]).toMatchObject({ content: 'Where do I book a desk?', attachments });

      const md = await (await client.exportConversation(conversationId!, 'md')).text();
      expect(md).toContain('Where do I book a desk?\n\nAttachments: desks.txt\n');
      const json = JSON.parse(await (await client.exportConversation(conversationId!, 'json')).text());
      // Both versions of the question (sent and edited) with their answers, each question with its file.
      expect(json.messages).toHaveLength(4);
      const questions = json.messages.filter((m: { role: string }) => m.role === 'user');
      expect(questions.map((m: { attachments: { name: string }[] }) => m.attachments.map((a) => a.name))).toEqual([
        ['desks.txt'],
        ['desks.txt'],
      ]);

      await client.deleteFile(file.id);
      expect(await client.listFiles()).toEqual([]);
      await expect(client.deleteFile(file.id)).rejects.toMatchObject({ code: 'not_found' });
      // The message keeps what it was sent with.
      expect((await client.getConversation(conversationId!)).messages[0]?.attachments).toEqual(attachments);
    } finally {
      await withFiles.close();
    }
  });

  it('reports not_supported on a server without uploads, and typed errors for bad files', async () => {
    const client = clientFor('jo');
    await expect(client.uploadFile(new Blob(['x']), { name: 'a.txt' })).rejects.toMatchObject({
      code: 'not_supported',
    });
    await expect(client.listFiles()).rejects.toMatchObject({ code: 'not_supported' });
    const withFiles = await startChatTestServer({ files: true });
    try {
      const other = new ChatClient({ endpoint: withFiles.url });
      const failure = await other.uploadFile(new Blob([]), { name: 'empty.txt' }).catch((e: unknown) => e);
      expect(CompanyChatError.isInstance(failure)).toBe(true);
      expect((failure as CompanyChatError).statusCode).toBeGreaterThanOrEqual(400);
      expect((failure as CompanyChatError).statusCode).toBeLessThan(500);
    } finally {
      await withFiles.close();
    }
  });
});

describe('ChatClient.getQuota', () => {
  it('reads the caller’s limits and usage, refreshed after an answer', async () => {
    const tiers = { free: { tokensPerDay: 10_000 } };
    const metered = await startChatTestServer({ quotas: { tiers, ledger: createMemoryQuotaLedger({ tiers }) } });
    try {
      const client = new ChatClient({ endpoint: metered.url, headers: { 'x-user-id': 'quinn' } });
      const daily = async () => (await client.getQuota()).limits.find((l) => l.limit === 'tokensPerDay');
      const before = await daily();
      expect(before).toMatchObject({ scope: 'user', used: 0, max: 10_000 });
      expect(Number.isNaN(Date.parse(before!.resetsAt))).toBe(false);
      await client.send({ content: 'hello' }).result();
      expect((await daily())!.used).toBeGreaterThan(0);
    } finally {
      await metered.close();
    }
  });

  it('says enforced: false on a server without quotas and not_supported on an older one', async () => {
    expect(await clientFor('rita').getQuota()).toMatchObject({ enforced: false, limits: [] });
    await expect(clientFor('rita', { fetch: olderServer }).getQuota()).rejects.toMatchObject({
      code: 'not_supported',
    });
  });
});
