import type { ChatClient } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One file the user attached, as the composer shows it. */
export interface Attachment {
  key: number;
  name: string;
  size: number;
  status: 'uploading' | 'ready' | 'error';
  /** Set when `status` is `error`, or for files refused before upload. */
  error?: string;
  fileId?: string;
}

let keys = 0;

/** Uploads attached files to the knowledge base (attached to the open conversation) and tracks them. */
export class AttachmentsController implements ReactiveController {
  items: Attachment[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => ChatClient,
    private readonly getConversationId: () => string | null,
    private readonly onDone: (attachment: Attachment) => void,
    /** The words shown for a failed upload (the server's message is for developers). */
    private readonly describeError: (error: unknown) => string = (error) => (error as Error).message,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Adds a file refused before upload (wrong type, too large): shown, never sent. */
  reject(name: string, size: number, error: string): void {
    this.#set([...this.items, { key: keys++, name, size, status: 'error', error }]);
  }

  async upload(file: File): Promise<void> {
    const item: Attachment = { key: keys++, name: file.name, size: file.size, status: 'uploading' };
    this.#set([...this.items, item]);
    let done: Attachment;
    try {
      const uploaded = await this.getClient().uploadFile(file, {
        name: file.name,
        conversationId: this.getConversationId() ?? undefined,
      });
      done = { ...item, status: 'ready', fileId: uploaded.id };
    } catch (error) {
      done = { ...item, status: 'error', error: this.describeError(error) };
    }
    this.#set(this.items.map((a) => (a.key === item.key ? done : a)));
    this.onDone(done);
  }

  remove(key: number): void {
    this.#set(this.items.filter((a) => a.key !== key));
  }

  /** Forgets the list (a new conversation starts). */
  clear(): void {
    this.#set([]);
  }

  #set(items: Attachment[]) {
    this.items = items;
    this.host.requestUpdate();
  }
}
