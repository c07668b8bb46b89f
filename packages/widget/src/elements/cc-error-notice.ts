import type { ChatErrorInfo } from '@company-chat/core/client';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { defineElement } from '../define-element.js';
import { employeeError } from '../errors/employee-error.js';
import { type CompanyChatStrings, defaultStrings, format } from '../strings.js';
import { controlStyles } from '../theme-styles.js';

// setTimeout holds at most 2^31-1 ms (about 24.8 days); a later time is checked again then.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * An error in the user's words (see `strings`), with a Retry button while retrying can help and a
 * details disclosure naming the error code (what a helpdesk needs to find the server's log line).
 * After a quota or rate refusal the Retry button appears by itself once the reset time has come.
 *
 * @fires cc-retry - The user pressed Retry.
 * @csspart error - The notice.
 * @csspart retry-button - The Retry button.
 * @csspart error-details - The details disclosure.
 */
export class CcErrorNotice extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .error {
        display: flex;
        gap: 0.6em;
        align-items: center;
        flex-wrap: wrap;
        color: var(--cc-color-error);
        background: var(--cc-color-error-bg);
        border-radius: var(--cc-radius);
        padding: 0.45em 0.75em;
        font-size: 0.9em;
      }
      button {
        border: 1px solid currentColor;
        color: inherit;
        background: none;
        border-radius: 6px;
        padding: 0.1em 0.6em;
      }
      details {
        flex-basis: 100%;
        font-size: 0.9em;
      }
      summary {
        cursor: pointer;
        width: fit-content;
      }
    `,
  ];
  static override properties = {
    error: { attribute: false },
    strings: { attribute: false },
    retry: { type: Boolean },
    busy: { type: Boolean },
  };

  declare error: ChatErrorInfo | null;
  declare strings: CompanyChatStrings;
  /** Whether this notice may offer Retry at all (only the newest failed answer does). */
  declare retry: boolean;
  /** True while an answer streams: Retry is disabled. */
  declare busy: boolean;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.error = null;
    this.strings = defaultStrings;
    this.retry = false;
    this.busy = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override updated(_changed: PropertyValues<this>): void {
    clearTimeout(this.#timer);
    const retryAt = this.error?.retryAt ? Date.parse(this.error.retryAt) : Number.NaN;
    const wait = retryAt - Date.now();
    // Re-render when the reset time comes, so Retry is offered exactly when it can help.
    if (wait > 0) this.#timer = setTimeout(() => this.requestUpdate(), Math.min(wait + 50, MAX_TIMER_MS));
  }

  protected override render() {
    if (!this.error) return nothing;
    const s = this.strings;
    const shown = employeeError(this.error, s);
    return html`<div class="error" part="error">
      <span>${shown.text}</span>
      ${
        this.retry && shown.canRetry
          ? html`<button
            type="button"
            part="retry-button"
            ?disabled=${this.busy}
            @click=${() => this.dispatchEvent(new CustomEvent('cc-retry', { bubbles: true, composed: true }))}
          >
            ${s.retry}
          </button>`
          : nothing
      }
      <details part="error-details">
        <summary>${s.errorDetails}</summary>
        ${format(s.errorCode, { code: shown.code })}
      </details>
    </div>`;
  }
}

defineElement('cc-error-notice', CcErrorNotice);

declare global {
  interface HTMLElementTagNameMap {
    'cc-error-notice': CcErrorNotice;
  }
}
