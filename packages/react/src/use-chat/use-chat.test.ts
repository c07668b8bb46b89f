// @vitest-environment happy-dom

import { scriptMessage } from '@company-chat/testing/models';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type SpawnedChatServer, spawnChatServer } from '../../test/spawn-chat-server.js';
import { useChat } from './use-chat.js';

let server: SpawnedChatServer;
beforeAll(async () => {
  server = await spawnChatServer();
});
afterAll(() => server.close());
afterEach(cleanup);

const until = { timeout: 15_000 };
let user = 0;
// Each test is its own user, so conversation lists do not mix.
const connect = () => ({ endpoint: server.url, headers: { 'X-User-Id': `react-user-${++user}` } });

describe('useChat against the real server', () => {
  test('send streams the answer into messages, through the streaming status', async () => {
    const { result } = renderHook((options) => useChat(options), { initialProps: connect() });
    expect(result.current.status).toBe('idle');
    expect(result.current.messages).toEqual([]);

    const seen = new Set<string>();
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.send('hello there friend');
    });
    await waitFor(() => expect(result.current.status).toBe('streaming'), until);
    // Partial contents while streaming: every state change is a new snapshot the hook re-renders with.
    await waitFor(() => {
      const answer = result.current.messages.at(-1);
      if (answer?.role === 'assistant' && answer.content) seen.add(answer.content);
      expect(result.current.status).toBe('idle');
    }, until);
    await act(() => done);

    const [question, answer] = result.current.messages;
    expect(question).toMatchObject({ role: 'user', content: 'hello there friend', status: 'complete' });
    expect(answer).toMatchObject({ role: 'assistant', content: 'You said: hello there friend', status: 'complete' });
    expect(result.current.conversationId).toMatch(/\S/);
    expect(result.current.error).toBeNull();
    expect(seen.has('You said: hello there friend')).toBe(true);
  });

  test('stop ends a streaming answer, kept as aborted', async () => {
    const { result } = renderHook((options) => useChat(options), { initialProps: connect() });
    act(() => {
      void result.current.send(scriptMessage({ chunks: ['Thinking'], hang: true }));
    });
    await waitFor(() => expect(result.current.messages.at(-1)?.content).toBe('Thinking'), until);
    expect(result.current.status).toBe('streaming');
    act(() => result.current.stop());
    await waitFor(() => expect(result.current.status).toBe('idle'), until);
    expect(result.current.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'aborted', content: 'Thinking' });

    // The server kept the partial answer too.
    const id = result.current.conversationId as string;
    await waitFor(async () => {
      const stored = await result.current.client.getConversation(id);
      expect(stored.messages.at(-1)).toMatchObject({ status: 'aborted', content: 'Thinking' });
    }, until);
  });

  test("a provider failure mid-answer is the error status with the provider's code", async () => {
    const { result } = renderHook((options) => useChat(options), { initialProps: connect() });
    await act(() => result.current.send(scriptMessage({ chunks: ['Partial'], error: 'overloaded' })));
    expect(result.current.status).toBe('error');
    expect(result.current.error).toMatchObject({ code: 'overloaded' });
    expect(result.current.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'error' });
  });

  test('an unreachable server is an error state, not a throw', async () => {
    const { result } = renderHook(() => useChat({ endpoint: 'http://127.0.0.1:9' }));
    const outcome = await act(() => result.current.send('anyone?'));
    expect(outcome).toBeNull();
    expect(result.current.status).toBe('error');
    expect(result.current.error?.code).toBe('network');
  });

  test('unmounting stops a streaming answer', async () => {
    const { result, unmount } = renderHook((options) => useChat(options), { initialProps: connect() });
    act(() => {
      void result.current.send(scriptMessage({ chunks: ['Thinking'], hang: true }));
    });
    await waitFor(() => expect(result.current.messages.at(-1)?.content).toBe('Thinking'), until);
    const { client, conversationId } = result.current;
    unmount();
    await waitFor(async () => {
      const stored = await client.getConversation(conversationId as string);
      expect(stored.messages.at(-1)).toMatchObject({ status: 'aborted' });
    }, until);
  });

  test('the client is kept across renders with equal options (inline headers)', () => {
    const { result, rerender } = renderHook((options) => useChat(options), { initialProps: connect() });
    const first = result.current.client;
    rerender({ endpoint: server.url, headers: { 'X-User-Id': `react-user-${user}` } });
    expect(result.current.client).toBe(first);
    rerender({ endpoint: server.url, headers: { 'X-User-Id': 'someone-else' } });
    expect(result.current.client).not.toBe(first);
  });

  test('conversations: listed after a turn, renamed, opened, deleted', async () => {
    const { result } = renderHook((options) => useChat(options), {
      initialProps: { ...connect(), loadConversations: true },
    });
    await waitFor(() => expect(result.current.conversations.loaded).toBe(true), until);
    expect(result.current.conversations.items).toEqual([]);

    await act(() => result.current.send('first topic'));
    const id = result.current.conversationId as string;
    await waitFor(() => expect(result.current.conversations.items.map((c) => c.id)).toEqual([id]), until);

    await act(() => result.current.conversations.rename(id, 'Renamed'));
    expect(result.current.conversations.items[0]?.title).toBe('Renamed');

    act(() => result.current.reset());
    expect(result.current.messages).toEqual([]);
    await act(() => result.current.conversations.open(id));
    expect(result.current.conversationId).toBe(id);
    expect(result.current.messages.map((m) => m.content)).toEqual(['first topic', 'You said: first topic']);

    await act(() => result.current.conversations.delete(id));
    expect(result.current.conversations.items).toEqual([]);
    expect(result.current.conversationId).toBeNull();
    await expect(result.current.client.getConversation(id)).rejects.toMatchObject({ code: 'not_found' });
  });

  test('edit, regenerate and switchBranch go through the branch routes', async () => {
    const { result } = renderHook((options) => useChat(options), { initialProps: connect() });
    await act(() => result.current.send('version one'));
    const question = result.current.messages[0]?.id as string;
    const firstAnswer = result.current.messages[1]?.id as string;

    await act(() => result.current.regenerate(firstAnswer));
    expect(result.current.error).toBeNull();
    const answer = result.current.messages.at(-1);
    expect(answer?.content).toBe('You said: version one');
    expect(answer?.siblingIds).toHaveLength(2);

    await act(() => result.current.switchBranch(firstAnswer));
    expect(result.current.messages.at(-1)?.id).toBe(firstAnswer);

    await act(() => result.current.edit(question, 'version two'));
    expect(result.current.messages.map((m) => m.content)).toEqual(['version two', 'You said: version two']);
    expect(result.current.messages[0]?.siblingIds).toHaveLength(2);
  });
});
