import type { ChatAttachment, ChatClient } from '@company-chat/core/client';
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
  /** The server already had this content in the same place: removing the chip must not delete it. */
  duplicate?: boolean;
}

/** Where an upload goes: the open conversation only, or all of the user's conversations. */
export type AttachScope = 'conversation' | 'user';

let keys = 0;

/**
 * Uploads attached files to the knowledge base and tracks them until they are sent: to the open
 * conversation (`conversation` scope; a new chat is created first, since files belong to an existing
 * conversation) or to all of the user's conversations (`user` scope).
 */
export class AttachmentsController implements ReactiveController {
  items: Attachment[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => ChatClient,
    /** The open conversation's id; for a new chat, creates the conversation (null when it cannot). */
    private readonly conversationFor: () => Promise<string | null>,
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

  async upload(file: File, scope: AttachScope): Promise<void> {
    const item: Attachment = { key: keys++, name: file.name, size: file.size, status: 'uploading' };
    this.#set([...this.items, item]);
    let done: Attachment;
    try {
      const conversationId = scope === 'conversation' ? await this.conversationFor() : null;
      const uploaded = await this.getClient().uploadFile(file, {
        name: file.name,
        conversationId: conversationId ?? undefined,
      });
      done = { ...item, status: 'ready', fileId: uploaded.id, duplicate: uploaded.duplicate === true };
    } catch (error) {
      done = { ...item, status: 'error', error: this.describeError(error) };
    }
    // Removed while uploading: the file the user no longer wants is deleted once it exists.
    if (!this.items.some((a) => a.key === item.key)) {
      this.#discard(done);
      return;
    }
    this.#set(this.items.map((a) => (a.key === item.key ? done : a)));
    this.onDone(done);
  }

  /** Removes a chip; an uploaded file is deleted from the server too (unless it was there before). */
  remove(key: number): void {
    const item = this.items.find((a) => a.key === key);
    this.#set(this.items.filter((a) => a.key !== key));
    if (item) this.#discard(item);
  }

  /**
   * The uploaded files, for the message being sent: their chips (and those of refused files) clear;
   * files still uploading stay until they are ready.
   */
  take(): ChatAttachment[] {
    const ready = this.items.filter((a) => a.status === 'ready' && a.fileId);
    this.#set(this.items.filter((a) => a.status === 'uploading'));
    return ready.map((a) => ({ fileId: a.fileId as string, name: a.name, sizeBytes: a.size }));
  }

  /** Drops the chip of a file deleted elsewhere (in "My files"). */
  forget(fileId: string): void {
    this.#set(this.items.filter((a) => a.fileId !== fileId));
  }

  /** Forgets the list (a new conversation starts). */
  clear(): void {
    this.#set([]);
  }

  #discard(item: Attachment) {
    if (item.fileId && !item.duplicate)
      this.getClient()
        .deleteFile(item.fileId)
        .catch(() => {});
  }

  #set(items: Attachment[]) {
    this.items = items;
    this.host.requestUpdate();
  }
}
