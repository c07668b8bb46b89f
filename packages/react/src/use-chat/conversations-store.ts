import {
  type ChatClient,
  type ChatErrorInfo,
  CompanyChatError,
  type ConversationSummary,
} from '@company-chat/core/client';

/** The user's conversation list, as {@link useChat} exposes it. */
export interface ConversationsSnapshot {
  items: readonly ConversationSummary[];
  /** Pass to `loadMore()`; null on the last page. */
  nextCursor: string | null;
  loading: boolean;
  /** True once the first page arrived. */
  loaded: boolean;
  error: ChatErrorInfo | null;
}

/** A subscribable conversation list with rename and delete (immutable snapshots). */
export interface ConversationsStore {
  getSnapshot(): ConversationsSnapshot;
  subscribe(listener: () => void): () => void;
  /** Reloads the first page (most recent first). Failures land in `error`. */
  refresh(): Promise<void>;
  /** Appends the next page. */
  loadMore(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const toInfo = (error: unknown): ChatErrorInfo =>
  CompanyChatError.isInstance(error)
    ? { code: error.code, message: error.message, retryable: error.isRetryable }
    : { code: 'internal', message: error instanceof Error ? error.message : String(error), retryable: true };

/** Creates a {@link ConversationsStore} over the client `getClient()` returns at each call. */
export function createConversationsStore(getClient: () => ChatClient, pageSize = 50): ConversationsStore {
  const listeners = new Set<() => void>();
  let state: ConversationsSnapshot = { items: [], nextCursor: null, loading: false, loaded: false, error: null };
  // Results of a refresh that a newer one overtook are dropped (the list would jump back).
  let generation = 0;
  const set = (patch: Partial<ConversationsSnapshot>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };

  async function load(cursor: string | null): Promise<void> {
    const mine = ++generation;
    set({ loading: true });
    try {
      const page = await getClient().listConversations({ limit: pageSize, cursor });
      if (mine !== generation) return;
      const items = cursor ? [...state.items, ...page.conversations] : page.conversations;
      set({ items, nextCursor: page.nextCursor, loading: false, loaded: true, error: null });
    } catch (error) {
      if (mine === generation) set({ loading: false, error: toInfo(error) });
    }
  }

  // Rename and delete rethrow after recording the error: the caller may want to react too.
  async function act<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      set({ error: toInfo(error) });
      throw error;
    }
  }

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: () => load(null),
    loadMore: () => (state.nextCursor ? load(state.nextCursor) : Promise.resolve()),
    rename: (id, title) =>
      act(async () => {
        const updated = await getClient().renameConversation(id, title);
        set({ items: state.items.map((c) => (c.id === id ? { ...c, ...updated } : c)), error: null });
      }),
    remove: (id) =>
      act(async () => {
        await getClient().deleteConversation(id);
        set({ items: state.items.filter((c) => c.id !== id), error: null });
      }),
  };
}
