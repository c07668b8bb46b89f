import type { ChatController, ChatSnapshot } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the open conversation is remembered between page views. */
export type PersistMode = 'local' | 'session' | 'none';

/** What {@link ConversationLocationController} reads from its element. */
export interface ConversationLocationOptions {
  chat: ChatController;
  snapshot: () => ChatSnapshot;
  /** True in page mode: the conversation lives in the URL. */
  inUrl: () => boolean;
  persist: () => PersistMode;
  storageKey: () => string;
  /** A query parameter for the id; empty for the hash (`#conversation=<id>`). */
  param: () => string;
  onError: (error: unknown) => void;
}

/**
 * Keeps the open conversation where the next page view finds it: in the URL in page mode (a history
 * entry per conversation, so back and forward move between them) and in web storage in every mode
 * (launcher and inline modes reopen it on any page of the site). An id that no longer opens (deleted,
 * or another user's) is forgotten quietly and the chat starts empty.
 *
 * @fires cc-conversation-change - The open conversation changed. `detail: { conversationId }` (null for a new chat).
 */
export class ConversationLocationController implements ReactiveController {
  #started = false;
  #pending: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly o: ConversationLocationOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('popstate', this.#onNavigate);
    addEventListener('hashchange', this.#onNavigate);
  }

  /**
   * Reopens the remembered conversation, once, when the chat is first shown (after the first update,
   * so properties the page sets right after the element, such as the token, apply).
   */
  restore(): void {
    if (this.#started) return;
    this.#started = true;
    const { conversationId, messages } = this.o.snapshot();
    if (conversationId || messages.length) return;
    const id = this.o.inUrl() ? this.#fromUrl() : this.#storage()?.getItem(this.o.storageKey());
    if (id) this.#open(id);
  }

  hostDisconnected(): void {
    removeEventListener('popstate', this.#onNavigate);
    removeEventListener('hashchange', this.#onNavigate);
  }

  /** Records a change of the open conversation (called with every state change). */
  changed(previous: ChatSnapshot, next: ChatSnapshot): void {
    const id = next.conversationId;
    if (previous.conversationId === id) return;
    if (this.o.inUrl()) {
      const url = this.#urlFor(id);
      // Opened by navigating (back, forward, a link): the URL already says so.
      if (url !== location.href) {
        // A new chat got its id from its first answer: the same entry, not a new one.
        if (!previous.conversationId && next.status === 'streaming') history.replaceState(history.state, '', url);
        else history.pushState(null, '', url);
      }
    }
    this.#store(id);
    this.host.dispatchEvent(
      new CustomEvent('cc-conversation-change', { detail: { conversationId: id }, bubbles: true, composed: true }),
    );
  }

  #onNavigate = () => {
    if (!this.o.inUrl()) return;
    const id = this.#fromUrl();
    if (id === (this.#pending ?? this.o.snapshot().conversationId)) return;
    if (id) this.#open(id);
    else {
      this.#pending = null;
      this.o.chat.reset();
    }
  };

  #open(id: string) {
    this.#pending = id;
    const before = this.o.snapshot();
    this.o.chat.load(id).then(
      () => {
        if (this.#pending === id) this.#pending = null;
      },
      (error: { code?: string }) => {
        // Overtaken by another navigation: that one decides.
        if (this.#pending !== id) return;
        this.#pending = null;
        if (error?.code !== 'not_found') return this.o.onError(error);
        if (this.o.inUrl()) history.replaceState(history.state, '', this.#urlFor(null));
        this.#store(null);
        // Unless the user went on meanwhile (sent a message), the chat shows what the URL now says.
        if (this.o.snapshot() === before) this.o.chat.reset();
      },
    );
  }

  #fromUrl(): string | null {
    const param = this.o.param();
    return param
      ? new URLSearchParams(location.search).get(param)
      : new URLSearchParams(location.hash.slice(1)).get('conversation');
  }

  #urlFor(id: string | null): string {
    const url = new URL(location.href);
    const param = this.o.param();
    if (!param) url.hash = id ? `conversation=${encodeURIComponent(id)}` : '';
    else if (id) url.searchParams.set(param, id);
    else url.searchParams.delete(param);
    // `new URL` keeps an empty `#`; location.href has none after it is cleared.
    return url.href.replace(/#$/, '');
  }

  #storage(): Storage | null {
    const persist = this.o.persist();
    try {
      return persist === 'none' ? null : persist === 'session' ? sessionStorage : localStorage;
    } catch {
      // Storage blocked (sandboxed frames, privacy settings): nothing is remembered.
      return null;
    }
  }

  #store(id: string | null) {
    try {
      const storage = this.#storage();
      if (id) storage?.setItem(this.o.storageKey(), id);
      else storage?.removeItem(this.o.storageKey());
    } catch {
      // Full or blocked storage: the chat works on, only not remembered.
    }
  }
}
