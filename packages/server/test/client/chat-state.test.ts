// Core's browser-safe client against the real server. It lives in the server package because core never
// depends on the server, not even in its tests.

import { type ChatStore, createMemoryChatStore } from '@company-chat/core';
import { ChatClient, type ChatSnapshot, createChatState } from '@company-chat/core/client';
import { scriptMessage } from '@company-chat/testing/models';
import { olderServer, useChatTestServer, withChatTestServer } from '@company-chat/testing/server';
import { describe, expect, it, vi } from 'vitest';

const server = useChatTestServer();
const stateFor = (user: string) => createChatState({ client: server.clientFor(user) });

describe('createChatState', () => {
  it('streams an answer into immutable snapshots', async () => {
    const chat = stateFor('s1');
    const snapshots: ChatSnapshot[] = [];
    chat.subscribe(() => snapshots.push(chat.getSnapshot()));
    const before = chat.getSnapshot();
    const done = chat.send(scriptMessage({ chunks: ['a', 'b', 'c'] }));
    expect(chat.getSnapshot().status).toBe('streaming');
    expect(chat.getSnapshot().messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'pending'],
      ['assistant', 'streaming'],
    ]);
    await done;
    const after = chat.getSnapshot();
    expect(before.messages).toEqual([]);
    expect(after.status).toBe('idle');
    expect(after.conversationId).toBeTruthy();
    expect(after.messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'complete', scriptMessage({ chunks: ['a', 'b', 'c'] })],
      ['assistant', 'complete', 'abc'],
    ]);
    expect(after.messages[1]?.model).toBe('default');
    // Every change produced a new snapshot; intermediate ones show the growing text.
    expect(new Set(snapshots).size).toBe(snapshots.length);
    expect(snapshots.map((s) => s.messages[1]?.content).filter(Boolean)).toContain('ab');
  });

  it('marks a stopped answer aborted and goes idle', async () => {
    const chat = stateFor('s2');
    const unsubscribe = chat.subscribe(() => {
      if (chat.getSnapshot().messages[1]?.content === 'part') chat.stop();
    });
    await chat.send(scriptMessage({ chunks: ['part'], hang: true }));
    unsubscribe();
    const { status, messages } = chat.getSnapshot();
    expect(status).toBe('idle');
    expect(messages[1]).toMatchObject({ status: 'aborted', content: 'part' });
  });

  it('shows a failure in place and retries the same message', async () => {
    const chat = stateFor('s3');
    await chat.send('hello');
    await chat.send(scriptMessage({ chunks: ['x'], error: 'overloaded' }));
    let snap = chat.getSnapshot();
    expect(snap.status).toBe('error');
    expect(snap.error).toMatchObject({ code: 'overloaded', retryable: true });
    expect(snap.messages.at(-1)).toMatchObject({ status: 'error', error: { code: 'overloaded' } });

    // The model is scripted by content, so the retry fails the same way, but it goes through again.
    await chat.retry();
    snap = chat.getSnapshot();
    expect(snap.messages).toHaveLength(4);
    expect(snap.messages.at(-1)?.status).toBe('error');
  });

  it('reports request errors (unknown model) as an error state', async () => {
    const chat = stateFor('s4');
    chat.setModel('nope');
    await chat.send('hi');
    const snap = chat.getSnapshot();
    expect(snap.status).toBe('error');
    expect(snap.error?.code).toBe('unknown_model');
    expect(snap.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'error' });
    chat.setModel('fast');
    await chat.retry();
    expect(chat.getSnapshot()).toMatchObject({ status: 'idle', error: null });
    expect(chat.getSnapshot().messages.map((m) => m.content)).toEqual(['hi', 'You said: hi']);
  });

  it('loads a stored conversation and resets to a new one', async () => {
    const writer = stateFor('s5');
    await writer.send('remember me');
    const id = writer.getSnapshot().conversationId!;
    const reader = stateFor('s5');
    await reader.load(id);
    expect(reader.getSnapshot().messages.map((m) => m.content)).toEqual(['remember me', 'You said: remember me']);
    expect(reader.getSnapshot().title).toBeTruthy();
    reader.reset();
    expect(reader.getSnapshot()).toMatchObject({ conversationId: null, messages: [], status: 'idle' });
  });

  it('keeps the knowledge switch per conversation: sent with the next message, saved on the open one', async () => {
    const chat = stateFor('s5k');
    expect(chat.getSnapshot().useKnowledge).toBeNull();
    await chat.setUseKnowledge(false);
    await chat.send('no files please');
    const id = chat.getSnapshot().conversationId!;
    const client = server.clientFor('s5k');
    expect((await client.getConversation(id)).conversation.useKnowledge).toBe(false);
    await chat.setUseKnowledge(true);
    expect((await client.getConversation(id)).conversation.useKnowledge).toBe(true);
    chat.reset();
    expect(chat.getSnapshot().useKnowledge).toBeNull();
    await client.updateConversation(id, { useKnowledge: false });
    await chat.load(id);
    expect(chat.getSnapshot().useKnowledge).toBe(false);
  });

  it('refuses a second send while streaming', async () => {
    const chat = stateFor('s6');
    const first = chat.send(scriptMessage({ chunks: ['1'], delayMs: 50 }));
    expect(() => chat.send('again')).toThrow(/still streaming/);
    await first;
    expect(chat.getSnapshot().status).toBe('idle');
  });

  it('regenerates, switches versions and edits', async () => {
    const chat = stateFor('s7');
    await chat.send('hello');
    const firstAnswer = chat.getSnapshot().messages[1]!.id;
    await chat.regenerate(firstAnswer);
    let snap = chat.getSnapshot();
    expect(snap.status).toBe('idle');
    expect(snap.messages).toHaveLength(2);
    const second = snap.messages[1]!;
    expect(second.id).not.toBe(firstAnswer);
    expect(second.siblingIds).toEqual([firstAnswer, second.id]);

    await chat.switchBranch(firstAnswer);
    expect(chat.getSnapshot().messages[1]?.id).toBe(firstAnswer);

    await chat.edit(chat.getSnapshot().messages[0]!.id, 'hello again');
    snap = chat.getSnapshot();
    expect(snap.messages.map((m) => m.content)).toEqual(['hello again', 'You said: hello again']);
    expect(snap.messages[0]?.siblingIds).toHaveLength(2);
  });

  it('keeps the streamed answer when the server could not store it yet (savePending), even after regenerate', async () => {
    // The store refuses final writes while `refuseFinal`, as a database outage would; the engine keeps retrying.
    const inner = createMemoryChatStore();
    let refuseFinal = false;
    const store: ChatStore = {
      ...inner,
      async updateMessage(owner, id, patch) {
        if (refuseFinal && patch.status === 'complete') throw new Error('database unavailable');
        return inner.updateMessage(owner, id, patch);
      },
    };
    await withChatTestServer({ store }, async (outage) => {
      const chat = createChatState({
        client: outage.clientFor('sp'),
      });
      await chat.send('hello');
      const firstAnswer = chat.getSnapshot().messages[1]!;
      refuseFinal = true;
      await chat.regenerate(firstAnswer.id);
      const answer = chat.getSnapshot().messages[1]!;
      expect(answer.id).not.toBe(firstAnswer.id);
      expect(answer).toMatchObject({ status: 'complete', content: firstAnswer.content });
      // The database is back: stored as shown once the engine's retry lands.
      refuseFinal = false;
      await vi.waitFor(
        async () =>
          expect(await inner.getMessage({ tenantId: 'default', userId: 'sp' }, answer.id)).toMatchObject({
            status: 'complete',
            content: firstAnswer.content,
          }),
        { timeout: 30_000, interval: 25 },
      );
    });
  });

  it('retries a stored failure as a new version of the answer', async () => {
    const chat = stateFor('s8');
    await chat.send(scriptMessage({ chunks: ['x'], error: 'overloaded' }));
    const failed = chat.getSnapshot().messages[1]!;
    expect(failed.status).toBe('error');
    await chat.retry();
    const snap = chat.getSnapshot();
    // Scripted by content, the new version fails too, but it is a sibling, not a duplicate question.
    expect(snap.messages).toHaveLength(2);
    expect(snap.messages[1]?.id).not.toBe(failed.id);
    expect(snap.messages[1]?.siblingIds).toEqual([failed.id, snap.messages[1]?.id]);
  });
});

describe('createChatState on a server without branch routes', () => {
  it('keeps the list unchanged and reports not_supported; retry falls back to asking again', async () => {
    {
      const chat = createChatState({
        client: server.clientFor('s9', { fetch: olderServer }),
      });
      await chat.send('hello');
      const before = chat.getSnapshot().messages;
      await chat.regenerate(before[1]!.id);
      expect(chat.getSnapshot().messages).toBe(before);
      expect(chat.getSnapshot().error?.code).toBe('not_supported');

      await chat.send(scriptMessage({ chunks: ['x'], error: 'overloaded' }));
      await chat.retry();
      const contents = chat.getSnapshot().messages.map((m) => m.status);
      expect(contents).toEqual(['complete', 'complete', 'complete', 'error']);
    }
  });
});

describe('createChatState load', () => {
  it('ignores a load overtaken by another load or a reset', async () => {
    const writer = server.clientFor('loads');
    const a = (await writer.send({ content: 'alpha' }).result()).conversationId!;
    const b = (await writer.send({ content: 'beta' }).result()).conversationId!;
    // Holds the answer for conversation A until released, so it arrives after the later actions.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith(`/conversations/${a}`)) await held;
      return response;
    };
    const chat = createChatState({
      client: server.clientFor('loads', { fetch: slowFetch }),
    });
    const first = chat.load(a);
    await chat.load(b);
    release();
    await first;
    expect(chat.getSnapshot().conversationId).toBe(b);
    expect(chat.getSnapshot().messages[0]?.content).toBe('beta');

    const again = chat.load(a);
    chat.reset();
    await again;
    expect(chat.getSnapshot()).toMatchObject({ conversationId: null, messages: [] });
    await expect(chat.load('missing')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('createChatState citations', () => {
  it('collects citation events on the answer', async () => {
    // The engine emits citations only with a knowledge base; this plays those bytes of the SSE protocol.
    const events = [
      { type: 'conversation', created: true, conversation: { id: 'c1', title: 't', createdAt: '', updatedAt: '' } },
      { type: 'message-start', userMessageId: 'u1', messageId: 'a1', model: 'default' },
      {
        type: 'citation',
        messageId: 'a1',
        index: 1,
        fileId: 'f1',
        fileName: 'handbook.pdf',
        page: 3,
        snippet: '16 weeks',
      },
      { type: 'text-delta', messageId: 'a1', delta: 'Sixteen weeks [1].' },
      {
        type: 'message-end',
        messageId: 'a1',
        status: 'complete',
        finishReason: 'stop',
        usage: null,
        timeToFirstTokenMs: 1,
        durationMs: 2,
      },
    ];
    const sse = events.map((e, i) => `id: ${i + 1}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    const client = new ChatClient({
      fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const chat = createChatState({ client });
    await chat.send('How long is parental leave?');
    expect(chat.getSnapshot().messages[1]).toMatchObject({
      id: 'a1',
      content: 'Sixteen weeks [1].',
      citations: [{ index: 1, fileId: 'f1', fileName: 'handbook.pdf', page: 3, snippet: '16 weeks' }],
    });
  });
});
