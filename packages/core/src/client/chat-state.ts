import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatClient } from './chat-client.js';
import {
  type ChatAttachment,
  type ChatErrorInfo,
  type ChatFeedback,
  type ChatMessage,
  fromStored,
  isLocal,
  newClientMessageId,
  newMessage,
  toInfo,
  withRetryAt,
} from './chat-message.js';
import type { ChatStream, SendResult } from './chat-stream.js';

/** `streaming` while an answer arrives; `error` when the last turn failed (see `error`). */
export type ChatStatus = 'idle' | 'streaming' | 'error';

/** Immutable state of one chat: a new object on every change (for `useSyncExternalStore`). */
export interface ChatSnapshot {
  conversationId: string | null;
  title: string | null;
  messages: readonly ChatMessage[];
  status: ChatStatus;
  error: ChatErrorInfo | null;
  /** Model alias used for the next send; null for the server's default. */
  model: string | null;
  /** The conversation's knowledge-base switch; null until chosen or loaded (the server's default: on). */
  useKnowledge: boolean | null;
}

/** Framework-agnostic chat state over a {@link ChatClient}; the widget and `useChat()` both use it. */
export interface ChatController {
  getSnapshot(): ChatSnapshot;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Sends a user message and streams the answer into `messages`. Resolves when the answer ends.
   * `attachments` (files already uploaded to the conversation) are shown with the message.
   */
  send(content: string, options?: { attachments?: ChatAttachment[] }): Promise<SendResult | null>;
  /** Stops the answer being streamed; it stays in the list marked `aborted`. */
  stop(): void;
  /** Sends the last user message again after a failure. */
  retry(): Promise<SendResult | null>;
  /** Writes a new version of an answer (a sibling branch). `not_supported` on servers without the route. */
  regenerate(messageId: string): Promise<SendResult | null>;
  /** Sends an edited user message as a new branch. `not_supported` on servers without the route. */
  edit(messageId: string, content: string): Promise<SendResult | null>;
  /** Shows another version (sibling) of a message, with the rest of its branch. */
  switchBranch(messageId: string): Promise<void>;
  /**
   * Rates an answer of the open conversation; the message shows the rating at once and keeps it when
   * the server confirms. Rejects (and restores the previous rating) when the server refuses.
   */
  rate(messageId: string, feedback: ChatFeedback): Promise<void>;
  /**
   * Shows a stored conversation (rejects with `not_found` when it is not the user's). A load overtaken
   * by another load, a reset or a send before the server answers changes nothing.
   */
  load(conversationId: string): Promise<void>;
  /** Starts a new, empty conversation. */
  reset(): void;
  /**
   * The open conversation's id, creating the conversation on the server first when the chat is new (so
   * files can be attached to it before the first message). Null on servers that cannot create one.
   */
  ensureConversation(): Promise<string | null>;
  setModel(model: string | null): void;
  /** Switches the knowledge base for the next send, and for the open conversation on the server. */
  setUseKnowledge(useKnowledge: boolean): Promise<void>;
}

/** Options of {@link createChatState}. */
export interface ChatStateOptions {
  /** The client, or a function returning the current one (an element may swap clients when its endpoint changes). */
  client: ChatClient | (() => ChatClient);
  model?: string | null;
}

/** Creates a {@link ChatController}. @example const chat = createChatState({ client }); await chat.send('Hi'); */
export function createChatState(options: ChatStateOptions): ChatController {
  const getClient = typeof options.client === 'function' ? options.client : () => options.client as ChatClient;
  const listeners = new Set<() => void>();
  let state: ChatSnapshot = {
    conversationId: null,
    title: null,
    messages: [],
    status: 'idle',
    error: null,
    model: options.model ?? null,
    useKnowledge: null,
  };
  let current: ChatStream | null = null;
  // Bumped by every load, reset and send: a load whose answer arrives after another of them is stale.
  let generation = 0;
  // The last feedback request of each answer (see rate()).
  const feedbackRequests = new Map<string, Promise<void>>();
  // One creation at a time: files dropped together into a new chat share one conversation.
  let creating: Promise<string | null> | null = null;

  const set = (patch: Partial<ChatSnapshot>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };
  const patchMessage = (id: string, patch: Partial<ChatMessage>) => {
    set({ messages: state.messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
  };

  /**
   * Streams one turn into the list. `keep` is the list before the turn; `user` is the new user message
   * (or the existing question, for regenerate). On a `not_supported` failure the list is restored.
   */
  async function run(
    open: () => ChatStream,
    keep: readonly ChatMessage[],
    user: ChatMessage,
    options: { reload?: boolean } = {},
  ): Promise<SendResult | null> {
    generation++;
    const answer = newMessage('assistant', '');
    answer.status = 'streaming';
    const before = state.messages;
    const added = keep.includes(user) ? [answer] : [user, answer];
    set({ messages: [...keep, ...added], status: 'streaming', error: null });
    let ids = { user: user.id, answer: answer.id };
    let stream: ChatStream | null = null;
    // The server could not store the answer yet (database outage): what was streamed is the truth.
    let savePending = false;
    try {
      stream = open();
      current = stream;
      for await (const event of stream) {
        switch (event.type) {
          case 'conversation':
            set({ conversationId: event.conversation.id, title: event.conversation.title });
            break;
          case 'message-start':
            set({
              messages: state.messages.map((m) =>
                m.id === ids.user
                  ? { ...m, id: event.userMessageId, status: 'complete' }
                  : m.id === ids.answer
                    ? { ...m, id: event.messageId, model: event.model }
                    : m,
              ),
            });
            ids = { user: event.userMessageId, answer: event.messageId };
            break;
          case 'text-delta': {
            const message = state.messages.find((m) => m.id === ids.answer);
            if (message) patchMessage(ids.answer, { content: message.content + event.delta });
            break;
          }
          case 'citation': {
            const { type: _t, messageId: _m, ...citation } = event;
            const message = state.messages.find((m) => m.id === ids.answer);
            if (message) patchMessage(ids.answer, { citations: [...message.citations, citation] });
            break;
          }
          case 'message-end':
            patchMessage(ids.answer, { status: event.status });
            savePending = event.savePending === true;
            break;
          case 'error': {
            const error = withRetryAt(event.error);
            patchMessage(ids.answer, { status: 'error', error });
            set({ error });
            break;
          }
        }
      }
      const result = await stream.result();
      const message = state.messages.find((m) => m.id === ids.answer);
      if (message?.status === 'streaming') {
        // Ended without message-end: stopped by the user, or the connection closed early.
        patchMessage(ids.answer, { status: stream.aborted ? 'aborted' : 'interrupted' });
      }
      set({ status: state.error ? 'error' : 'idle' });
      // Branching changed the tree: read the path back for the versions (sibling ids) of each message.
      // Not while the answer's save is pending: the stored row still has less text than was shown.
      if (options.reload && !savePending && state.conversationId) await refreshPath(state.conversationId);
      return result;
    } catch (error) {
      const info = toInfo(error);
      if (info.code === 'not_supported') {
        set({ messages: before, status: 'error', error: info });
      } else {
        patchMessage(ids.answer, { status: 'error', error: info });
        set({ status: 'error', error: info });
      }
      return null;
    } finally {
      if (current === stream) current = null;
    }
  }

  async function refreshPath(conversationId: string): Promise<void> {
    try {
      const { conversation, messages } = await getClient().getConversation(conversationId);
      if (state.status === 'streaming' || state.conversationId !== conversationId) return;
      set({ title: conversation.title, messages: messages.map(fromStored) });
    } catch {
      // The list already shows the turn; only the version counters are missing.
    }
  }

  function send(
    content: string,
    clientMessageId = newClientMessageId(),
    attachments?: ChatAttachment[],
  ): Promise<SendResult | null> {
    const user = newMessage('user', content, clientMessageId);
    if (attachments?.length) user.attachments = attachments;
    return run(
      () =>
        getClient().send({
          content,
          clientMessageId,
          conversationId: state.conversationId ?? undefined,
          model: state.model ?? undefined,
          useKnowledge: state.useKnowledge ?? undefined,
          attachments: attachments?.map((a) => a.fileId),
        }),
      state.messages,
      user,
    );
  }

  function regenerate(messageId: string): Promise<SendResult | null> {
    const conversationId = state.conversationId;
    const index = state.messages.findIndex((m) => m.id === messageId);
    const target = state.messages[index];
    if (!conversationId || !target) return Promise.resolve(null);
    // Keep everything up to the question; the new answer replaces the old one (which stays a version).
    const questionIndex = target.role === 'user' ? index : index - 1;
    const question = state.messages[questionIndex];
    if (question?.role !== 'user') return Promise.resolve(null);
    const open = () => getClient().regenerate({ conversationId, messageId, model: state.model ?? undefined });
    return run(open, state.messages.slice(0, questionIndex + 1), question, { reload: true });
  }

  const busy = () => {
    if (state.status === 'streaming') {
      throw new CompanyChatError({ code: 'conversation_busy', message: 'An answer is still streaming.' });
    }
  };

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(content, options) {
      busy();
      return send(content, undefined, options?.attachments);
    },
    stop() {
      current?.abort();
    },
    async retry() {
      busy();
      const messages = state.messages;
      const last = messages.at(-1);
      const question = last?.role === 'assistant' ? messages.at(-2) : last;
      if (question?.role !== 'user') return null;
      // The failed answer is stored: write a new version of it. (Resending the same client message id
      // would only replay the stored failure; the server treats it as a retry of a lost response.)
      if (last?.role === 'assistant' && !isLocal(last.id) && state.conversationId) {
        const result = await regenerate(last.id);
        if (state.error?.code !== 'not_supported') return result;
        // A server without branches: ask again as a new message.
        set({ messages: messages.slice(0, -2), error: null });
        return send(question.content, undefined, question.attachments);
      }
      // Nothing was stored (or we never heard back): the same client message id makes the retry idempotent.
      set({ messages: messages.slice(0, messages.indexOf(question)), error: null });
      return send(question.content, question.clientMessageId ?? newClientMessageId(), question.attachments);
    },
    regenerate(messageId) {
      busy();
      return regenerate(messageId);
    },
    edit(messageId, content) {
      busy();
      const conversationId = state.conversationId;
      const index = state.messages.findIndex((m) => m.id === messageId);
      if (!conversationId || state.messages[index]?.role !== 'user') return Promise.resolve(null);
      const clientMessageId = newClientMessageId();
      const user = newMessage('user', content, clientMessageId);
      // The server keeps the edited message's files; shown at once, as a send shows its own.
      const attachments = state.messages[index]?.attachments;
      if (attachments?.length) user.attachments = attachments;
      const open = () =>
        getClient().editMessage({
          conversationId,
          messageId,
          content,
          clientMessageId,
          model: state.model ?? undefined,
        });
      return run(open, state.messages.slice(0, index), user, { reload: true });
    },
    async switchBranch(messageId) {
      busy();
      const conversationId = state.conversationId;
      if (!conversationId) return;
      try {
        const { messages } = await getClient().setActiveBranch(conversationId, messageId);
        set({ messages: messages.map(fromStored), error: null, status: 'idle' });
      } catch (error) {
        set({ status: 'error', error: toInfo(error) });
      }
    },
    rate(messageId, feedback) {
      const conversationId = state.conversationId;
      const before = state.messages.find((m) => m.id === messageId);
      if (!conversationId || before?.role !== 'assistant' || isLocal(messageId)) return Promise.resolve();
      patchMessage(messageId, { feedback });
      const { rating, comment } = feedback;
      // One request at a time per answer, in order: a comment sent right after the thumb must not be
      // overwritten by the thumb's request arriving last.
      const previous = feedbackRequests.get(messageId) ?? Promise.resolve();
      const sent = previous
        .catch(() => {})
        .then(() => getClient().sendFeedback(conversationId, messageId, comment ? { rating, comment } : { rating }))
        .then(
          () => {},
          (error: unknown) => {
            if (state.messages.find((m) => m.id === messageId)?.feedback === feedback) {
              patchMessage(messageId, { feedback: before.feedback });
            }
            throw error;
          },
        );
      feedbackRequests.set(messageId, sent);
      return sent;
    },
    async load(conversationId) {
      current?.abort();
      const mine = ++generation;
      const { conversation, messages } = await getClient().getConversation(conversationId);
      if (mine !== generation) return;
      set({
        conversationId: conversation.id,
        title: conversation.title,
        messages: messages.map(fromStored),
        status: 'idle',
        error: null,
        useKnowledge: conversation.useKnowledge ?? null,
      });
    },
    reset() {
      current?.abort();
      generation++;
      set({ conversationId: null, title: null, messages: [], status: 'idle', error: null, useKnowledge: null });
    },
    ensureConversation() {
      if (state.conversationId) return Promise.resolve(state.conversationId);
      creating ??= getClient()
        .createConversation({ useKnowledge: state.useKnowledge ?? undefined })
        .then(
          (conversation) => {
            // A send that started meanwhile made its own conversation: that one is the chat's.
            if (!state.conversationId && state.messages.length === 0) {
              set({ conversationId: conversation.id, title: conversation.title || null });
            }
            return state.conversationId;
          },
          (error: unknown) => {
            if (toInfo(error).code === 'not_supported') return null;
            throw error;
          },
        )
        .finally(() => {
          creating = null;
        });
      return creating;
    },
    setModel(model) {
      set({ model });
    },
    async setUseKnowledge(useKnowledge) {
      set({ useKnowledge });
      const id = state.conversationId;
      if (!id) return;
      try {
        await getClient().updateConversation(id, { useKnowledge });
      } catch {
        // The next send carries the switch too, so the server catches up then.
      }
    },
  };
}
