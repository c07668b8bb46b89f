import type { ChatClient, ChatSnapshot, UploadedFile } from '@company-chat/core/client';
import { html, LitElement, nothing } from 'lit';
import { formatSize } from '../attachments/accept-file.js';
import type { Attachment } from '../controllers/attachments-controller.js';
import { defineElement } from '../define-element.js';
import { icons } from '../icons.js';
import { type CompanyChatStrings, defaultStrings, format } from '../strings.js';
import { controlStyles } from '../theme-styles.js';
import { ccChatToolsStyles } from './cc-chat-tools-styles.js';
import { type ChatToolsStrings, chatToolsStrings } from './chat-tools-strings.js';
import { downloadBlob, exportFileName } from './download-blob.js';

/** How often the list is read again while a file is still being ingested. */
const POLL_MS = 1500;

/**
 * "More actions" of `<company-chat>`, in a modal dialog: the user's files (with their place and status,
 * refreshed while one is being ingested, each deletable) and the export of the open conversation as
 * Markdown or JSON. Loaded lazily, the first time it is opened.
 *
 * @fires cc-close - The dialog closed (Escape, the close button).
 * @fires cc-file-deleted - A file was deleted. `detail: { fileId }`.
 */
export class CcChatTools extends LitElement {
  static override styles = [controlStyles, ccChatToolsStyles];
  static override properties = {
    client: { attribute: false },
    snapshot: { attribute: false },
    strings: { attribute: false },
    files: { attribute: false },
    uploads: { attribute: false },
    list: { state: true },
    message: { state: true },
  };

  declare client: ChatClient;
  /** The chat's state: which conversation is open (for "this chat" and the export). */
  declare snapshot: ChatSnapshot;
  /** The chat's strings (with any overrides of the tools' own). */
  declare strings: CompanyChatStrings;
  /** Whether the server has files (shows "My files"). */
  declare files: boolean;
  /** Files the composer is uploading right now, shown above the list. */
  declare uploads: readonly Attachment[];
  declare list: UploadedFile[] | null;
  /** The last outcome (deleted, failed), in a live region. */
  declare message: string;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.strings = defaultStrings;
    this.files = false;
    this.uploads = [];
    this.list = null;
    this.message = '';
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
    if (this.files) this.#refresh();
  }

  protected override updated(changed: Map<string, unknown>): void {
    // An upload from the composer finished while the dialog is open: it is in the list now.
    const before = changed.get('uploads') as readonly Attachment[] | undefined;
    if (before && this.files && before.filter((a) => a.status === 'uploading').length > 0) this.#refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  get #s(): CompanyChatStrings & ChatToolsStrings {
    return { ...chatToolsStrings, ...this.strings } as CompanyChatStrings & ChatToolsStrings;
  }

  #fail(error: unknown) {
    this.message = format(this.#s.actionFailed, { message: (error as Error).message ?? String(error) });
  }

  async #refresh() {
    clearTimeout(this.#timer);
    try {
      this.list = await this.client.listFiles();
    } catch (error) {
      this.list = [];
      this.#fail(error);
      return;
    }
    if (this.isConnected && this.list.some((f) => f.status === 'processing')) {
      this.#timer = setTimeout(() => this.#refresh(), POLL_MS);
    }
  }

  async #delete(file: UploadedFile) {
    try {
      await this.client.deleteFile(file.id);
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.list = (this.list ?? []).filter((f) => f.id !== file.id);
    this.message = format(this.#s.fileDeleted, { name: file.name });
    this.dispatchEvent(
      new CustomEvent('cc-file-deleted', { detail: { fileId: file.id }, bubbles: true, composed: true }),
    );
  }

  async #export(kind: 'md' | 'json') {
    const id = this.snapshot.conversationId;
    if (!id) return;
    try {
      downloadBlob(await this.client.exportConversation(id, kind), exportFileName(this.snapshot.title, kind));
    } catch (error) {
      this.#fail(error);
    }
  }

  #place(file: UploadedFile): string {
    const s = this.#s;
    const scope = file.scope;
    if (scope?.type === 'shared') return s.fileShared;
    if (!scope?.conversationId) return s.fileInAllChats;
    return scope.conversationId === this.snapshot.conversationId ? s.fileInChat : s.fileInOtherChat;
  }

  #filesSection() {
    const s = this.#s;
    const uploading = this.uploads.filter((a) => a.status === 'uploading');
    const list = this.list;
    return html`<section aria-labelledby="files-title">
      <h3 id="files-title">${s.myFiles}</h3>
      ${
        list === null
          ? html`<p class="muted">${s.processing}</p>`
          : list.length === 0 && uploading.length === 0
            ? html`<p class="muted">${s.noFiles}</p>`
            : html`<ul class="files" part="files">
              ${uploading.map(
                (a) => html`<li part="file">
                  <span class="name" dir="auto">${a.name}</span>
                  <span class="muted">${formatSize(a.size)} · ${s.uploading}</span>
                </li>`,
              )}
              ${list.map(
                (f) => html`<li part="file" data-file-id=${f.id}>
                  <span class="name" dir="auto" title=${f.name}>${f.name}</span>
                  <span class=${f.status === 'failed' ? 'failed' : 'muted'}>
                    ${formatSize(f.sizeBytes)} · ${this.#place(f)}${
                      f.status === 'processing' ? ` · ${s.processing}` : f.status === 'failed' ? ` · ${s.failed}` : ''
                    }
                  </span>
                  <button
                    type="button"
                    class="icon-button"
                    part="delete-file-button"
                    aria-label=${format(s.deleteFile, { name: f.name })}
                    title=${format(s.deleteFile, { name: f.name })}
                    @click=${() => this.#delete(f)}
                  >
                    ${icons.trash}
                  </button>
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  protected override render() {
    const s = this.#s;
    const open = this.snapshot?.conversationId;
    return html`<dialog
      aria-labelledby="tools-title"
      @close=${() => this.dispatchEvent(new CustomEvent('cc-close', { bubbles: true, composed: true }))}
    >
      <div class="head">
        <h2 id="tools-title">${s.moreActions}</h2>
        <button
          type="button"
          class="icon-button"
          aria-label=${s.close}
          @click=${() => this.renderRoot.querySelector('dialog')?.close()}
        >
          ${icons.close}
        </button>
      </div>
      ${this.files ? this.#filesSection() : nothing}
      ${
        open
          ? html`<div class="export">
            <button type="button" part="export-markdown" @click=${() => this.#export('md')}>${s.exportMarkdown}</button>
            <button type="button" part="export-json" @click=${() => this.#export('json')}>${s.exportJson}</button>
          </div>`
          : nothing
      }
      <p class="message" role="status">${this.message}</p>
    </dialog>`;
  }
}

defineElement('cc-chat-tools', CcChatTools);

declare global {
  interface HTMLElementTagNameMap {
    'cc-chat-tools': CcChatTools;
  }
}
