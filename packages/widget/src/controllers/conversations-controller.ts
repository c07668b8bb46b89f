import type { ChatClient, ConversationSummary } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Keeps the user's conversation list for the sidebar (page mode) and performs rename and delete. */
export class ConversationsController implements ReactiveController {
  items: ConversationSummary[] = [];
  loaded = false;
  #loading: Promise<void> | null = null;
  #again = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => ChatClient,
    private readonly onError: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Reloads the first page of conversations (most recent first). A call while a load is in flight runs
   * one more load after it: the one in flight may have been sent before the change being reported.
   */
  refresh(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        try {
          const page = await this.getClient().listConversations({ limit: 100 });
          this.items = page.conversations;
          this.loaded = true;
          this.host.requestUpdate();
        } catch (error) {
          this.onError(error);
        }
      } while (this.#again);
    })().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async rename(id: string, title: string): Promise<void> {
    try {
      const updated = await this.getClient().renameConversation(id, title);
      this.items = this.items.map((c) => (c.id === id ? { ...c, ...updated } : c));
      this.host.requestUpdate();
    } catch (error) {
      this.onError(error);
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
