import type { ChatFeedback } from '@company-chat/core/client';
import { css, html, LitElement, nothing, svg } from 'lit';
import { defineElement } from '../define-element.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';
import { controlStyles } from '../theme-styles.js';
import { type FeedbackStrings, feedbackStrings } from './feedback-strings.js';
import { textFieldStyles } from './text-field-styles.js';

const thumb = (down: boolean) =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><g transform=${down ? 'rotate(180 12 12)' : ''}><path d="M7 10v12M15 5.88 14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88Z"/></g></svg>`;

/**
 * Thumbs up / down on a finished answer, then an optional comment. Each choice fires `cc-rate`; the
 * chat stores it and tells the page with `cc-feedback`.
 *
 * @fires cc-rate - The user rated the answer. `detail: { messageId, rating, comment }`.
 * @csspart feedback - The buttons and the comment form.
 */
export class CcFeedback extends LitElement {
  static override styles = [
    controlStyles,
    textFieldStyles,
    css`
      :host {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 2px;
      }
      [aria-pressed='true'] {
        color: var(--cc-color-accent);
        border-color: var(--cc-color-border);
      }
      form {
        display: flex;
        flex-basis: 100%;
        gap: 0.4em;
        align-items: flex-end;
        flex-wrap: wrap;
        margin-top: 0.3em;
      }
      .thanks {
        font-size: 0.85em;
        color: var(--cc-color-muted);
      }
    `,
  ];
  static override properties = {
    messageId: { attribute: 'message-id' },
    feedback: { attribute: false },
    strings: { attribute: false },
    commenting: { state: true },
    thanked: { state: true },
  };

  declare messageId: string;
  /** The rating given so far (from the server after a reload). */
  declare feedback: ChatFeedback | null;
  declare strings: CompanyChatStrings;
  declare commenting: boolean;
  declare thanked: boolean;

  constructor() {
    super();
    this.messageId = '';
    this.feedback = null;
    this.strings = defaultStrings;
    this.commenting = false;
    this.thanked = false;
  }

  #rate(rating: ChatFeedback['rating'], comment: string | null) {
    this.dispatchEvent(
      new CustomEvent('cc-rate', {
        detail: { messageId: this.messageId, rating, comment },
        bubbles: true,
        composed: true,
      }),
    );
  }

  async #choose(rating: ChatFeedback['rating']) {
    this.thanked = false;
    this.commenting = true;
    this.#rate(rating, null);
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  #submit(e: Event) {
    e.preventDefault();
    const comment = this.renderRoot.querySelector('textarea')?.value.trim() ?? '';
    const rating = this.feedback?.rating;
    this.commenting = false;
    this.thanked = true;
    if (rating && comment) this.#rate(rating, comment);
  }

  protected override render() {
    const s = { ...feedbackStrings, ...this.strings } as CompanyChatStrings & FeedbackStrings;
    const rating = this.feedback?.rating ?? null;
    const button = (value: ChatFeedback['rating'], label: string) =>
      html`<button
        type="button"
        class="icon-button"
        aria-label=${label}
        title=${label}
        aria-pressed=${rating === value ? 'true' : 'false'}
        @click=${() => this.#choose(value)}
      >
        ${thumb(value === 'down')}
      </button>`;
    return html`<span part="feedback" role="group" aria-label=${`${s.feedbackGood} / ${s.feedbackBad}`}>
        ${button('up', s.feedbackGood)} ${button('down', s.feedbackBad)}
      </span>
      ${
        this.commenting
          ? html`<form part="feedback" @submit=${this.#submit}>
            <textarea
              aria-label=${s.feedbackCommentLabel}
              placeholder=${s.feedbackCommentLabel}
              maxlength="2000"
              .value=${this.feedback?.comment ?? ''}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  this.commenting = false;
                }
              }}
            ></textarea>
            <button type="submit" class="icon-button">${s.feedbackSend}</button>
          </form>`
          : nothing
      }
      ${this.thanked ? html`<span class="thanks" role="status">${s.feedbackThanks}</span>` : nothing}`;
  }
}

defineElement('cc-feedback', CcFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'cc-feedback': CcFeedback;
  }
}
