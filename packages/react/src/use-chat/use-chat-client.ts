import { ChatClient, type ChatClientOptions } from '@company-chat/core/client';
import { useMemo, useRef } from 'react';

/** How {@link useChat} reaches the server: a shared client, or the options to make one. */
export interface ChatConnectionOptions extends ChatClientOptions {
  /** A client to use as is (share one between hooks); the other connection options are then ignored. */
  client?: ChatClient;
}

/**
 * The client for the current options, re-created only when they really change (headers are compared
 * by value, so an inline `headers={{...}}` object does not make a new client on every render). Returns
 * a stable getter: the chat state always asks it for the current client.
 */
export function useChatClient(options: ChatConnectionOptions): () => ChatClient {
  const { client, endpoint, token, getToken, headers, credentials, fetch } = options;
  const headersKey = headers ? JSON.stringify(headers) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: headers are compared by value (headersKey).
  const current = useMemo(
    () => client ?? new ChatClient({ endpoint, token, getToken, headers, credentials, fetch }),
    [client, endpoint, token, getToken, headersKey, credentials, fetch],
  );
  const ref = useRef(current);
  ref.current = current;
  return useRef(() => ref.current).current;
}
