import {
  type ChatClient,
  type ChatController,
  type ChatSnapshot,
  createChatState,
  type SendResult,
} from '@company-chat/core/client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type ConversationsSnapshot, createConversationsStore } from './conversations-store.js';
import { type ChatConnectionOptions, useChatClient } from './use-chat-client.js';

/** Options of {@link useChat}. */
export interface UseChatOptions extends ChatConnectionOptions {
  /** Model alias for the next sends; the server's default when null or omitted. */
  model?: string | null;
  /** Opens this stored conversation on mount (and whenever it changes). */
  conversationId?: string;
  /**
   * Loads the conversation list on mount and refreshes it after every turn (for a sidebar). Without
   * it the list loads on the first `conversations.refresh()`.
   */
  loadConversations?: boolean;
}

/** The conversation list with its actions. */
export interface UseChatConversations extends ConversationsSnapshot {
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  /** Shows a stored conversation in the chat. */
  open(id: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  /** Deletes a conversation; when it is the open one, the chat starts afresh. */
  delete(id: string): Promise<void>;
}

/** What {@link useChat} returns: the chat state (messages, status, error, ...) and its actions. */
export interface UseChatResult extends ChatSnapshot {
  /** Sends a user message; resolves when the answer ended (null when it failed before starting). */
  send(content: string): Promise<SendResult | null>;
  /** Stops the answer being streamed (kept, marked `aborted`). */
  stop(): void;
  /** Sends the last question again after a failure. */
  retry(): Promise<SendResult | null>;
  /** Writes a new version of an answer. */
  regenerate(messageId: string): Promise<SendResult | null>;
  /** Sends an edited user message as a new branch. */
  edit(messageId: string, content: string): Promise<SendResult | null>;
  /** Shows another version of a message. */
  switchBranch(messageId: string): Promise<void>;
  /** Starts a new, empty conversation. */
  reset(): void;
  setModel(model: string | null): void;
  conversations: UseChatConversations;
  /** The client in use (for anything else the server offers: models, files). */
  client: ChatClient;
}

/**
 * A chat with the company-chat server for your own UI, on the same client and state as the widget.
 * Safe in server rendering: nothing is fetched until an action or an effect runs in the browser.
 *
 * @example
 * ```tsx
 * const chat = useChat({ endpoint: 'https://chat.example.com' });
 * return <>
 *   {chat.messages.map((m) => <p key={m.id}>{m.content}</p>)}
 *   <button onClick={() => chat.send('Hello')} disabled={chat.status === 'streaming'}>Send</button>
 * </>;
 * ```
 */
export function useChat(options: UseChatOptions = {}): UseChatResult {
  const getClient = useChatClient(options);
  const [stores] = useState(() => ({
    chat: createChatState({ client: getClient, model: options.model ?? null }),
    conversations: createConversationsStore(getClient),
  }));
  const snapshot = useSyncExternalStore(stores.chat.subscribe, stores.chat.getSnapshot, stores.chat.getSnapshot);
  const list = useSyncExternalStore(
    stores.conversations.subscribe,
    stores.conversations.getSnapshot,
    stores.conversations.getSnapshot,
  );

  // An answer still streaming when the component goes away is stopped (the server keeps it as aborted).
  useEffect(() => () => stores.chat.stop(), [stores]);

  const { model, conversationId, loadConversations } = options;
  useEffect(() => {
    if (model !== undefined && model !== stores.chat.getSnapshot().model) stores.chat.setModel(model);
  }, [model, stores]);
  useEffect(() => {
    if (conversationId && conversationId !== stores.chat.getSnapshot().conversationId) {
      stores.chat.load(conversationId).catch(() => {});
    }
  }, [conversationId, stores]);
  // After each turn (and when another conversation opens) the titles and order may have changed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: conversationId is a trigger, not an input.
  useEffect(() => {
    if (loadConversations && snapshot.status !== 'streaming') void stores.conversations.refresh();
  }, [loadConversations, snapshot.status, snapshot.conversationId, stores]);

  const actions = useMemo(() => bindActions(stores.chat, stores.conversations), [stores]);
  return {
    ...snapshot,
    ...actions.chat,
    conversations: { ...list, ...actions.conversations },
    client: getClient(),
  };
}

function bindActions(chat: ChatController, conversations: ReturnType<typeof createConversationsStore>) {
  return {
    chat: {
      // async: a send while streaming rejects (conversation_busy) instead of throwing during a click handler.
      send: async (content: string) => chat.send(content),
      stop: () => chat.stop(),
      retry: async () => chat.retry(),
      regenerate: async (messageId: string) => chat.regenerate(messageId),
      edit: async (messageId: string, content: string) => chat.edit(messageId, content),
      switchBranch: async (messageId: string) => chat.switchBranch(messageId),
      reset: () => chat.reset(),
      setModel: (model: string | null) => chat.setModel(model),
    },
    conversations: {
      refresh: () => conversations.refresh(),
      loadMore: () => conversations.loadMore(),
      open: (id: string) => chat.load(id),
      rename: (id: string, title: string) => conversations.rename(id, title),
      async delete(id: string) {
        await conversations.remove(id);
        if (chat.getSnapshot().conversationId === id) chat.reset();
      },
    },
  };
}
