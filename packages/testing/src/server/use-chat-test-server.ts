import { ChatClient, type ChatClientOptions } from '@company-chat/core/client';
import { afterAll, beforeAll } from 'vitest';
import { type ChatTestServer, type ChatTestServerOptions, startChatTestServer } from './start-chat-test-server.js';

/** The chat test server of one test file, and clients of it. */
export interface ChatTestServerHarness {
  /** The server's URL (once `beforeAll` has run). */
  readonly url: string;
  /** A client acting as `user` (dev mode: the `X-User-Id` header names the user), with `extra` options. */
  clientFor(user: string, extra?: Partial<ChatClientOptions>): ChatClient;
}

/**
 * Starts a {@link startChatTestServer} before the file's tests and closes it after them (vitest hooks),
 * so that client tests share one harness instead of each writing its own.
 *
 * @example
 * const server = useChatTestServer();
 * it('answers', async () => {
 *   const result = await server.clientFor('alice').send({ content: 'ping' }).result();
 * });
 */
export function useChatTestServer(options: ChatTestServerOptions = {}): ChatTestServerHarness {
  let server: ChatTestServer | undefined;
  beforeAll(async () => {
    server = await startChatTestServer(options);
  });
  afterAll(() => server?.close());
  const started = () => {
    if (!server) throw new Error('useChatTestServer: the server starts in beforeAll; use it inside a test');
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    clientFor: (user, extra) => clientOf(started().url, user, extra),
  };
}

/**
 * Runs `test` against a server of its own (other options than the file's shared one), closed afterwards
 * whether `test` passes or throws.
 */
export async function withChatTestServer<T>(
  options: ChatTestServerOptions,
  test: (server: ChatTestServerHarness) => Promise<T>,
): Promise<T> {
  const server = await startChatTestServer(options);
  try {
    return await test({ url: server.url, clientFor: (user, extra) => clientOf(server.url, user, extra) });
  } finally {
    await server.close();
  }
}

function clientOf(endpoint: string, user: string, extra: Partial<ChatClientOptions> = {}): ChatClient {
  return new ChatClient({ endpoint, headers: { 'x-user-id': user }, ...extra });
}
