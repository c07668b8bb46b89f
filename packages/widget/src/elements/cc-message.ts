import type { ChatMessage } from '@company-chat/core/client';
import { html, LitElement, nothing } from 'lit';
import type { PassageLoader } from '../citations/cc-passage.js';
import { connectChunk } from '../connect-chunk.js';
import { defineElement } from '../define-element.js';
import { employeeError } from '../errors/employee-error.js';
import { loadOnce } from '../load-once.js';
import '../markdown/cc-markdown.js';
import type { MarkdownEnhancers } from '../markdown/markdown-enhancers.js';
import type { RenderContext } from '../markdown/render-markdown.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';
import { controlStyles } from '../theme-styles.js';
import { attachmentsView } from './attachments-view.js';
import { ccMessageStyles } from './cc-message-styles.js';
import { languageOf, messageTime } from './message-time.js';
import { textFieldStyles } from './text-field-styles.js';

// Files of their own, fetched the first time a message needs them: most page views show no error, and
// the thumbs can follow the answer by a moment. Until its file arrives (or when it cannot, offline), an
// error shows its words as plain text.
const loadFeedback = loadOnce(() => import('./cc-feedback.js').then(connectChunk));
const loadErrorNotice = loadOnce(() => import('./cc-error-notice.js').then(connectChunk));
// Actions and the edit form are fetched when the first finished message is shown.
const loadActions = loadOnce(() => import('../message-actions/cc-message-actions.js').then(connectChunk));
// The sources list (with its passage viewer) is fetched as soon as an answer is shown, so it is there
// by the time the answer ends.
const loadCitations = loadOnce(() => import('../citations/cc-citations.js').then(connectChunk));
const ignore = () => {};

/**
 * One message: author, time, content (markdown for answers, plain text for the user's own), status
 * marks, an error with retry, and actions (copy, regenerate, edit).
 *
 * @fires cc-retry - Retry the failed answer.
 * @fires cc-regenerate - Regenerate this answer. `detail: { messageId }`.
 * @fires cc-edit - Send an edited version of this message. `detail: { messageId, content }`.
 * @fires cc-copy - The copy button was used. `detail: { messageId, copied }` (`copied` false when the
 *   clipboard refused).
 * @fires cc-switch-branch - Show another version of this message. `detail: { messageId }`.
 * @fires cc-rate - The user rated this answer. `detail: { messageId, rating, comment }`.
 * @csspart message - The message container; also `message-user` / `message-assistant`.
 * @csspart error - The error shown in place of a failed answer.
 * @csspart versions - The version switcher (‹ 2 / 3 ›) of a regenerated answer or edited question.
 * @csspart citations - The sources an answer cites; `citation-source` is a source's button that opens
 *   its passage, `passage` the passage shown.
 * @csspart retry-button - The retry button.
 * @csspart error-details - The disclosure under an error, with its code.
 * @csspart feedback - The thumbs up/down of a finished answer and its comment form.
 * @csspart code-block - A code block inside an answer.
 * @csspart avatar - The author's picture (when one is set).
 * @csspart sent-attachment - A file sent with a user message.
 */
export class CcMessage extends LitElement {
  static override styles = [controlStyles, textFieldStyles, ccMessageStyles];
  static override properties = {
    message: { attribute: false },
    strings: { attribute: false },
    context: { attribute: false },
    enhancers: { attribute: false },
    last: { type: Boolean },
    busy: { type: Boolean },
    editing: { state: true },
    avatar: { attribute: false },
    getPassage: { attribute: false },
  };

  declare message: ChatMessage;
  declare strings: CompanyChatStrings;
  declare context: RenderContext;
  /** Syntax highlighting and math for the answer's finished code blocks and formulas. */
  declare enhancers: MarkdownEnhancers | undefined;
  /** True for the newest message (only the last answer offers regenerate and retry). */
  declare last: boolean;
  /** True while an answer streams (actions that start a new answer are disabled). */
  declare busy: boolean;
  declare editing: boolean;
  /** Checked image URL shown beside the author (allowed origin or a `data:image/` URL), or empty. */
  declare avatar: string | undefined;
  /** Loads a cited passage; without it, sources show their snippet only. */
  declare getPassage: PassageLoader | undefined;

  constructor() {
    super();
    this.strings = defaultStrings;
    this.last = false;
    this.busy = false;
    this.editing = false;
  }

  #fire(name: string, detail: Record<string, unknown> = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  // Formatted once per message (not per token while the answer streams into the same message).
  #timeKey = '';
  #timeView: unknown = nothing;

  #time() {
    const createdAt = this.message.createdAt;
    if (createdAt !== this.#timeKey) {
      this.#timeKey = createdAt;
      const time = messageTime(createdAt, languageOf(this));
      this.#timeView = time ? html`<time datetime=${time.iso} title=${time.title}>${time.label}</time>` : nothing;
    }
    return this.#timeView;
  }

  #mark() {
    const s = this.strings;
    const label =
      this.message.status === 'aborted'
        ? s.statusAborted
        : this.message.status === 'interrupted'
          ? s.statusInterrupted
          : this.message.status === 'error'
            ? s.statusError
            : null;
    return label ? html`<span class="mark" part="status">${label}</span>` : nothing;
  }

  #body() {
    const m = this.message;
    if (m.role === 'user') {
      if (this.editing) return this.#editor();
      return html`<div class="bubble" dir="auto">${m.content}</div>${attachmentsView(m.attachments, this.strings)}`;
    }
    const streaming = m.status === 'streaming';
    return html`<div class="bubble ${streaming ? 'cursor' : ''}">
      <cc-markdown exportparts="code-block, copy-code-button" .content=${m.content} .context=${this.context} .enhancers=${this.enhancers} .streaming=${streaming}></cc-markdown>
    </div>`;
  }

  #editor() {
    return html`<cc-message-editor
      .content=${this.message.content}
      .strings=${this.strings}
      .close=${(content?: string) => {
        this.editing = false;
        if (content) this.#fire('cc-edit', { messageId: this.message.id, content });
      }}
    ></cc-message-editor>`;
  }

  #citations() {
    const list = this.message.citations;
    if (!list || list.length === 0) return nothing;
    return html`<cc-citations .citations=${list} .strings=${this.strings} .getPassage=${this.getPassage}></cc-citations>`;
  }

  #actions() {
    const m = this.message;
    if (m.status === 'streaming' || m.status === 'pending' || this.editing) return nothing;
    loadActions().catch(ignore);
    if (m.role === 'assistant' && m.status === 'complete') loadFeedback().catch(ignore);
    return html`<cc-message-actions
      exportparts="feedback"
      .message=${m}
      .strings=${this.strings}
      ?last=${this.last}
      ?busy=${this.busy}
      .startEdit=${() => (this.editing = true)}
    ></cc-message-actions>`;
  }

  protected override render() {
    const m = this.message;
    const s = this.strings;
    if (m.status === 'error' && m.error) loadErrorNotice().catch(ignore);
    if (m.role === 'assistant') loadCitations().catch(ignore);
    const error =
      m.status === 'error' && m.error
        ? html`<cc-error-notice
          exportparts="error, retry-button, error-details"
          .error=${m.error}
          .strings=${s}
          ?retry=${this.last}
          ?busy=${this.busy}
          >${employeeError(m.error, s).text}</cc-error-notice
        >`
        : nothing;
    return html`<article
      class=${m.role}
      part="message message-${m.role}"
      aria-label=${m.role === 'user' ? s.you : s.assistant}
      aria-busy=${m.status === 'streaming' ? 'true' : 'false'}
    >
      <div class="meta">
        ${this.avatar ? html`<img class="avatar" part="avatar" src=${this.avatar} alt="" />` : nothing}
        <span class="author">${m.role === 'user' ? s.you : s.assistant}</span>
        ${this.#time()} ${this.#mark()}
      </div>
      ${this.#body()} ${this.#citations()} ${error} ${this.#actions()}
    </article>`;
  }
}

defineElement('cc-message', CcMessage);

declare global {
  interface HTMLElementTagNameMap {
    'cc-message': CcMessage;
  }
}
