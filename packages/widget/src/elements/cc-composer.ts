import type { ModelInfo } from '@company-chat/core/client';
import { html, LitElement, nothing } from 'lit';
import { checkFile, DEFAULT_ACCEPT, DEFAULT_MAX_FILE_SIZE, formatSize } from '../attachments/accept-file.js';
import type { Attachment } from '../controllers/attachments-controller.js';
import { defineElement } from '../define-element.js';
import { icons } from '../icons.js';
import { type CompanyChatStrings, defaultStrings, format } from '../strings.js';
import { controlStyles } from '../theme-styles.js';
import { ccComposerStyles } from './cc-composer-styles.js';

/**
 * The message input: Enter sends, Shift+Enter adds a line, Escape stops the answer. The textarea grows
 * with its content up to a limit; a counter appears near the character limit; a model picker appears
 * when the server offers several models.
 *
 * @fires cc-send - The user sends a message. `detail: { content }`.
 * @fires cc-stop - The user stops the answer.
 * @fires cc-model-change - The user picked a model. `detail: { model }`.
 * @fires cc-attach - Files were attached by button, paste or drop, checked for type and size first.
 *   `detail: { accepted: File[], rejected: { name, size, message }[] }`.
 * @fires cc-remove-attachment - `detail: { key }`.
 * @fires cc-attach-scope-change - The user chose where files go: `detail: { scope: 'conversation' | 'user' }`.
 * @fires cc-more - The user opened "More actions" (my files, export).
 * @fires cc-knowledge-change - The knowledge switch changed: `detail: { useKnowledge }`.
 * @csspart composer - The form.
 * @csspart input - The textarea.
 * @csspart send-button - The send button.
 * @csspart stop-button - The stop button (while an answer streams).
 * @csspart model-select - The model picker.
 * @csspart attach-button - The attach button.
 * @csspart attachment - Each attached file.
 * @csspart attach-scope - The "This chat / All my chats" picker beside the attach button.
 * @csspart more-button - The "More actions" button.
 * @csspart knowledge-toggle - The "Use knowledge base" checkbox.
 */
export class CcComposer extends LitElement {
  static override styles = [controlStyles, ccComposerStyles];
  static override properties = {
    busy: { type: Boolean },
    maxLength: { type: Number, attribute: 'max-length' },
    models: { attribute: false },
    attachments: { attribute: false },
    canAttach: { type: Boolean, attribute: 'can-attach' },
    attachScope: { type: String, attribute: 'attach-scope' },
    knowledge: { type: Boolean },
    more: { type: Boolean },
    useKnowledge: { type: Boolean, attribute: 'use-knowledge' },
    accept: { type: String },
    maxFileSize: { type: Number, attribute: 'max-file-size' },
    dragging: { state: true },
    model: { type: String },
    strings: { attribute: false },
    value: { state: true },
  };

  /** True while an answer streams: the send button becomes a stop button. */
  declare busy: boolean;
  declare maxLength: number;
  declare models: readonly ModelInfo[];
  declare attachments: readonly Attachment[];
  /** Shows the attach button and accepts pasted and dropped files. */
  declare canAttach: boolean;
  /** Where attached files go: this conversation only, or all of the user's conversations. */
  declare attachScope: 'conversation' | 'user';
  /** Shows the "Use knowledge base" switch (servers with files). */
  declare knowledge: boolean;
  /** Shows the "More actions" button (files and export). */
  declare more: boolean;
  /** Whether the switch is on. */
  declare useKnowledge: boolean;
  /** Accepted files, as in `<input accept>`. */
  declare accept: string;
  /** Largest accepted file in bytes. */
  declare maxFileSize: number;
  declare dragging: boolean;
  /** The selected model alias ('' for the server's default). */
  declare model: string;
  declare strings: CompanyChatStrings;
  declare value: string;

  constructor() {
    super();
    this.busy = false;
    this.maxLength = 4000;
    this.models = [];
    this.attachments = [];
    this.canAttach = false;
    this.attachScope = 'conversation';
    this.knowledge = false;
    this.more = false;
    this.useKnowledge = true;
    this.accept = DEFAULT_ACCEPT;
    this.maxFileSize = DEFAULT_MAX_FILE_SIZE;
    this.dragging = false;
    this.model = '';
    this.strings = defaultStrings;
    this.value = '';
  }

  /** Moves focus to the textarea. */
  override focus(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  #fire(name: string, detail: Record<string, unknown> = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #send() {
    const content = this.value.trim();
    if (!content || this.busy || content.length > this.maxLength) return;
    this.#fire('cc-send', { content });
    this.value = '';
    this.updateComplete.then(() => {
      this.#grow();
      this.focus();
    });
  }

  // Grows the textarea with its content; CSS max-height caps it. Set via CSSOM (allowed under strict CSP).
  #grow() {
    const area = this.renderRoot.querySelector('textarea');
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight}px`;
  }

  /** Checks type and size before anything is uploaded; the host uploads what passes. */
  attachFiles(files: Iterable<File>): void {
    const s = this.strings;
    const accepted: File[] = [];
    const rejected: { name: string; size: number; message: string }[] = [];
    for (const file of files) {
      const why = checkFile(file, this.accept, this.maxFileSize);
      if (!why) accepted.push(file);
      else {
        const message =
          why === 'type'
            ? format(s.fileTypeRejected, { name: file.name })
            : format(s.fileTooLarge, { name: file.name, max: formatSize(this.maxFileSize) });
        rejected.push({ name: file.name, size: file.size, message });
      }
    }
    if (accepted.length || rejected.length) this.#fire('cc-attach', { accepted, rejected });
  }

  #onDrop(e: DragEvent) {
    if (!this.canAttach) return;
    e.preventDefault();
    this.dragging = false;
    if (e.dataTransfer?.files.length) this.attachFiles(e.dataTransfer.files);
  }

  #onPaste(e: ClipboardEvent) {
    const files = e.clipboardData?.files;
    if (!this.canAttach || !files || files.length === 0) return;
    e.preventDefault();
    this.attachFiles(files);
  }

  #attachments() {
    const s = this.strings;
    if (this.attachments.length === 0) return nothing;
    return html`<ul class="attachments" aria-label=${s.attachments}>
      ${this.attachments.map(
        (a) => html`<li part="attachment" class=${a.status}>
          <span class="name" title=${a.name}>${a.name}</span>
          <span>${a.status === 'uploading' ? s.uploading : a.status === 'ready' ? s.uploaded : a.error}</span>
          <button
            type="button"
            class="icon-button"
            aria-label="${s.removeAttachment}: ${a.name}"
            @click=${() => this.#fire('cc-remove-attachment', { key: a.key })}
          >
            ×
          </button>
        </li>`,
      )}
    </ul>`;
  }

  #onKeydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#send();
    } else if (e.key === 'Escape' && this.busy) {
      e.preventDefault();
      e.stopPropagation();
      this.#fire('cc-stop');
    }
  }

  protected override render() {
    const s = this.strings;
    const length = this.value.length;
    const showCount = length > this.maxLength * 0.8;
    const picker =
      this.models.length > 1
        ? html`<label>
          ${s.modelLabel}
          <select
            part="model-select"
            .value=${this.model}
            @change=${(e: Event) => this.#fire('cc-model-change', { model: (e.target as HTMLSelectElement).value })}
          >
            ${this.models.map((m) => html`<option value=${m.id} ?selected=${m.id === this.model}>${m.id}</option>`)}
          </select>
        </label>`
        : nothing;
    const attach = this.canAttach
      ? html`<button
            type="button"
            class="icon-button"
            part="attach-button"
            aria-label=${s.attach}
            title=${s.attach}
            @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click()}
          >
            ${icons.attach}
          </button>
          <input
            type="file"
            multiple
            tabindex="-1"
            aria-hidden="true"
            accept=${this.accept}
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              if (input.files) this.attachFiles(input.files);
              input.value = '';
            }}
          />
          <select
            part="attach-scope"
            aria-label=${s.attachTo}
            title=${s.attachTo}
            @change=${(e: Event) => this.#fire('cc-attach-scope-change', { scope: (e.target as HTMLSelectElement).value })}
          >
            <option value="conversation" ?selected=${this.attachScope !== 'user'}>${s.attachToChat}</option>
            <option value="user" ?selected=${this.attachScope === 'user'}>${s.attachToAll}</option>
          </select>`
      : nothing;
    const knowledge = this.knowledge
      ? html`<label class="knowledge">
          <input
            type="checkbox"
            part="knowledge-toggle"
            .checked=${this.useKnowledge}
            @change=${(e: Event) => this.#fire('cc-knowledge-change', { useKnowledge: (e.target as HTMLInputElement).checked })}
          />
          ${s.useKnowledge}
        </label>`
      : nothing;
    return html`<form
      part="composer"
      class=${this.dragging ? 'dragging' : ''}
      aria-label=${this.dragging ? s.dropFiles : nothing}
      @submit=${(e: Event) => {
        e.preventDefault();
        this.#send();
      }}
      @dragover=${(e: DragEvent) => {
        if (!this.canAttach) return;
        e.preventDefault();
        this.dragging = true;
      }}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.#onDrop}
    >
      ${this.#attachments()}
      <textarea
        part="input"
        rows="1"
        aria-label=${s.inputLabel}
        placeholder=${s.inputPlaceholder}
        maxlength=${this.maxLength}
        .value=${this.value}
        @input=${(e: Event) => {
          this.value = (e.target as HTMLTextAreaElement).value;
          this.#grow();
        }}
        @keydown=${this.#onKeydown}
        @paste=${this.#onPaste}
      ></textarea>
      ${
        this.busy
          ? html`<button type="button" class="stop" part="stop-button" aria-label=${s.stop} title=${s.stop} @click=${() => this.#fire('cc-stop')}>
            ${icons.stop}
          </button>`
          : html`<button type="submit" class="send" part="send-button" aria-label=${s.send} title=${s.send} ?disabled=${!this.value.trim()}>
            ${icons.send}
          </button>`
      }
      ${
        picker !== nothing || showCount || attach !== nothing || knowledge !== nothing || this.more
          ? html`<div class="row">
            <span class="tools">${attach}${knowledge}${picker}${
              this.more
                ? html`<button
                  type="button"
                  class="icon-button"
                  part="more-button"
                  aria-label=${s.moreActions}
                  title=${s.moreActions}
                  aria-haspopup="dialog"
                  @click=${() => this.#fire('cc-more')}
                >
                  ${icons.more}
                </button>`
                : nothing
            }</span>
            ${showCount ? html`<span class=${length >= this.maxLength ? 'over' : ''}>${format(s.charCount, { count: length, max: this.maxLength })}</span>` : nothing}
          </div>`
          : nothing
      }
    </form>`;
  }
}

defineElement('cc-composer', CcComposer);

declare global {
  interface HTMLElementTagNameMap {
    'cc-composer': CcComposer;
  }
}
