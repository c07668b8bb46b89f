import type { ChatMessage } from '@company-chat/core/client';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { PassageLoader } from '../citations/cc-passage.js';
import { defineElement } from '../define-element.js';
import { icons } from '../icons.js';
import type { MarkdownEnhancers } from '../markdown/markdown-enhancers.js';
import type { RenderContext } from '../markdown/render-markdown.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';
import { controlStyles } from '../theme-styles.js';
import './cc-message.js';

/**
 * The scrolling list of messages (`role="log"`). It keeps to the bottom while an answer streams unless
 * the reader scrolled up. The log itself is not a live region (that would read every token aloud); the
 * root element announces when an answer starts and ends instead.
 *
 * @slot empty - Shown when there are no messages (defaults to a greeting).
 * @csspart message-list - The scrolling log.
 * @csspart scroll-button - "Jump to the latest message", shown while the reader is scrolled up.
 * @csspart message - Each message (also `message-user`, `message-assistant`, `error`, `retry-button`, `code-block`).
 */
export class CcMessageList extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        overflow: hidden;
      }
      .latest {
        position: absolute;
        inset-block-end: 10px;
        inset-inline-start: 50%;
        translate: -50%;
        border: 1px solid var(--cc-color-border);
        border-radius: 999px;
        background: var(--cc-color-bg);
        color: var(--cc-color-fg);
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
      }

      .log {
        height: 100%;
        overflow-y: auto;
        padding: var(--cc-spacing);
      }
      .content {
        display: flex;
        flex-direction: column;
        gap: calc(var(--cc-spacing) * 1.2);
        min-height: 100%;
      }
      .empty {
        margin: auto;
        color: var(--cc-color-muted);
        text-align: center;
        font-size: 1.1em;
      }
    `,
  ];
  static override properties = {
    messages: { attribute: false },
    strings: { attribute: false },
    context: { attribute: false },
    enhancers: { attribute: false },
    busy: { type: Boolean },
    avatars: { attribute: false },
    getPassage: { attribute: false },
    away: { state: true },
  };

  declare messages: readonly ChatMessage[];
  declare strings: CompanyChatStrings;
  declare context: RenderContext;
  /** Syntax highlighting and math for answers (loaded lazily). */
  declare enhancers: MarkdownEnhancers | undefined;
  declare busy: boolean;
  /** Checked avatar URLs by role (see `<company-chat>`'s `user-avatar` and `assistant-avatar`). */
  declare avatars: { user?: string; assistant?: string };
  /** Loads a cited passage (the sources of answers open it). */
  declare getPassage: PassageLoader | undefined;
  /** The reader scrolled up: a button offers the way back to the newest message. */
  declare away: boolean;
  #stick = true;

  constructor() {
    super();
    this.messages = [];
    this.strings = defaultStrings;
    this.busy = false;
    this.avatars = {};
    this.away = false;
  }

  get #log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }

  // Answers grow inside nested elements that render after this one, so growth is watched with a
  // ResizeObserver; the list follows it only while the reader is (nearly) at the bottom. Its callback
  // runs right after layout, so reading the scroll position there costs nothing, whereas a scroll event
  // arrives at the start of a frame, after highlighting or math changed the DOM, and reading it there
  // would force an extra layout of the whole answer every frame.
  #resize = new ResizeObserver(() => {
    this.#updateStick();
    if (this.#stick) this.scrollToEnd();
  });

  // Where the list last scrolled itself: a scroll position above it means the reader scrolled up.
  #autoTop = 0;
  // The scroll height the last time the list looked: the reader's distance from the bottom is measured
  // against the content as it was when they scrolled, not as it has grown since.
  #height = 0;
  #scrolled = false;

  #onScroll() {
    this.#scrolled = true;
    // With no answer streaming nothing resizes, so the ResizeObserver would not look: look now (the DOM
    // is not changing then, so the read forces no layout).
    if (!this.busy) this.#updateStick();
  }

  #updateStick(): void {
    const log = this.#log;
    if (!log) return;
    const height = log.scrollHeight;
    if (this.#scrolled) {
      this.#scrolled = false;
      if (Math.min(height, this.#height) - log.scrollTop - log.clientHeight < 48) this.#stick = true;
      else if (log.scrollTop < this.#autoTop - 2) this.#stick = false;
    }
    this.#height = height;
    this.away = !this.#stick;
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    const content = this.renderRoot.querySelector('.content');
    if (content) this.#resize.observe(content);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const content = this.renderRoot?.querySelector('.content');
    if (content) this.#resize.observe(content);
  }

  /** Scrolls to the newest message. */
  scrollToEnd(): void {
    const log = this.#log;
    if (!log) return;
    log.scrollTop = log.scrollHeight;
    this.#autoTop = log.scrollTop;
    this.#stick = true;
    this.away = false;
  }

  protected override render() {
    const last = this.messages.length - 1;
    return html`<div
      class="log"
      part="message-list"
      role="log"
      aria-live="off"
      aria-label=${this.strings.messagesLabel}
      tabindex="0"
      @scroll=${this.#onScroll}
    ><div class="content">
      ${
        this.messages.length === 0
          ? html`<div class="empty"><slot name="empty">${this.strings.emptyState}</slot></div>`
          : repeat(
              this.messages,
              (m) => m.id,
              (m, i) =>
                html`<cc-message
                  exportparts="message, message-user, message-assistant, error, retry-button, error-details, feedback, status, versions, citations, citation-source, passage, code-block, copy-code-button"
                  .message=${m}
                  .strings=${this.strings}
                  .context=${this.context}
                  .enhancers=${this.enhancers}
                  ?last=${i === last}
                  ?busy=${this.busy}
                  .avatar=${this.avatars[m.role]}
                  .getPassage=${this.getPassage}
                ></cc-message>`,
            )
      }
    </div></div>${
      this.away
        ? html`<button type="button" class="icon-button latest" part="scroll-button" @click=${() => this.scrollToEnd()}>
          ${icons.down}${this.strings.scrollToLatest}
        </button>`
        : nothing
    }`;
  }
}

defineElement('cc-message-list', CcMessageList);

declare global {
  interface HTMLElementTagNameMap {
    'cc-message-list': CcMessageList;
  }
}
