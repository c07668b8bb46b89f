import type { ChatClient, ConversationSummary } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Conversations fetched per page (the sidebar asks for the next page as its end scrolls into view). */
const PAGE_SIZE = 50;
/** Pause after the last keystroke before a search goes to the server. */
const SEARCH_DELAY_MS = 250;

/**
 * Keeps the user's conversation list (of `<cc-sidebar>`): pages through it by the server's
 * cursor, searches on the server, and performs rename and delete.
 */
export class ConversationsController implements ReactiveController {
  items: ConversationSummary[] = [];
  loaded = false;
  /** The search the shown items answer ('' for all conversations). */
  query = '';
  #typed = '';
  #cursor: string | null = null;
  #loadingMore = false;
  // Bumped by every new listing: an answer to an older one (a superseded search) is dropped.
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => ChatClient,
    private readonly onError: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Whether older conversations remain to be fetched. */
  get hasMore(): boolean {
    return this.#cursor !== null;
  }

  /**
   * Reloads the first page for the current search. Pages already fetched beyond it stay (older than the
   * new first page), so a list scrolled far down does not collapse after every answer.
   */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const query = this.#typed;
    try {
      const page = await this.getClient().listConversations({ limit: PAGE_SIZE, query });
      if (generation !== this.#generation) return;
      const first = page.conversations;
      const last = first.at(-1);
      const keep = query === this.query && page.nextCursor && this.#cursor && last;
      const ids = new Set(first.map((c) => c.id));
      this.items = keep
        ? [...first, ...this.items.filter((c) => !ids.has(c.id) && c.updatedAt < last.updatedAt)]
        : first;
      if (!keep) this.#cursor = page.nextCursor;
      this.query = query;
      this.loaded = true;
      this.host.requestUpdate();
    } catch (error) {
      if (generation === this.#generation) this.onError(error);
    }
  }

  /** Searches titles and message text on the server, once typing pauses; '' lists everything again. */
  search(query: string): void {
    clearTimeout(this.#timer);
    const trimmed = query.trim();
    if (trimmed === this.#typed) return;
    this.#typed = trimmed;
    this.#timer = setTimeout(() => this.refresh(), trimmed ? SEARCH_DELAY_MS : 0);
  }

  /** Fetches the next page, if any (one request at a time). */
  async more(): Promise<void> {
    const cursor = this.#cursor;
    if (!cursor || this.#loadingMore) return;
    this.#loadingMore = true;
    const generation = this.#generation;
    try {
      const page = await this.getClient().listConversations({ limit: PAGE_SIZE, cursor, query: this.query });
      if (generation !== this.#generation) return;
      const ids = new Set(this.items.map((c) => c.id));
      this.items = [...this.items, ...page.conversations.filter((c) => !ids.has(c.id))];
      this.#cursor = page.nextCursor;
      this.host.requestUpdate();
    } catch (error) {
      this.onError(error);
    } finally {
      this.#loadingMore = false;
    }
  }

  async rename(id: string, title: string): Promise<boolean> {
    try {
      const updated = await this.getClient().renameConversation(id, title);
      this.items = this.items.map((c) => (c.id === id ? { ...c, ...updated } : c));
      this.host.requestUpdate();
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }

  async remove(id: string): Promise<boolean> {
    try {
      await this.getClient().deleteConversation(id);
      this.items = this.items.filter((c) => c.id !== id);
      this.host.requestUpdate();
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }
}
