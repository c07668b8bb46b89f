import type { ChatMessage } from '@company-chat/core/client';
import { html, LitElement, nothing } from 'lit';
import { defineElement } from '../define-element.js';
import { employeeError } from '../errors/employee-error.js';
import { icons } from '../icons.js';
import { type CompanyChatStrings, defaultStrings, format } from '../strings.js';
import './cc-message-editor.js';

/**
 * The actions under a finished message: the version switcher (‹ 2 / 3 ›), thumbs (`<cc-feedback>`),
 * copy, regenerate (the newest answer) and edit (the user's messages).
 *
 * Rendered into the light DOM, i.e. into the `<cc-message>` that holds it, so the message's styles and
 * parts apply unchanged. It is its own file (with the edit form), fetched as soon as a message is
 * shown: the first paint of the chat needs none of it.
 *
 * @fires cc-regenerate - `detail: { messageId }`.
 * @fires cc-copy - `detail: { messageId, copied }`.
 * @fires cc-switch-branch - `detail: { messageId }`.
 */
export class CcMessageActions extends LitElement {
  static override properties = {
    message: { attribute: false },
    strings: { attribute: false },
    last: { type: Boolean },
    busy: { type: Boolean },
    startEdit: { attribute: false },
    copied: { state: true },
  };

  declare message: ChatMessage;
  declare strings: CompanyChatStrings;
  /** True for the newest message (only the last answer offers regenerate). */
  declare last: boolean;
  /** True while an answer streams (actions that start a new answer are disabled). */
  declare busy: boolean;
  /** Opens the edit form of the message (the message that holds these actions shows it). */
  declare startEdit: (() => void) | undefined;
  declare copied: boolean;

  constructor() {
    super();
    this.strings = defaultStrings;
    this.last = false;
    this.busy = false;
    this.copied = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  #fire(name: string, detail: Record<string, unknown>) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  // The button is read before the await: `currentTarget` is null once the event has finished dispatching.
  async #copy(e: Event) {
    const button = e.currentTarget as HTMLElement;
    let copied = true;
    try {
      await navigator.clipboard.writeText(this.message.content);
    } catch {
      copied = false;
    }
    button.toggleAttribute('data-copied', copied);
    this.copied = copied;
    // The visible "Copied" fades back to the icon; the announcement already told screen readers.
    setTimeout(() => {
      this.copied = false;
      button.removeAttribute('data-copied');
    }, 2000);
    this.#fire('cc-copy', { messageId: this.message.id, copied });
  }

  #versions() {
    const m = this.message;
    const s = this.strings;
    const ids = m.siblingIds;
    if (!ids || ids.length < 2) return nothing;
    const index = ids.indexOf(m.id);
    const go = (to: string | undefined) => to && this.#fire('cc-switch-branch', { messageId: to });
    return html`<div class="versions" part="versions" role="group" aria-label=${s.versions}>
      <button
        type="button"
        class="icon-button"
        aria-label=${s.previousVersion}
        ?disabled=${index <= 0 || this.busy}
        @click=${() => go(ids[index - 1])}
      >
        ‹
      </button>
      <span>${format(s.versionOf, { index: index + 1, count: ids.length })}</span>
      <button
        type="button"
        class="icon-button"
        aria-label=${s.nextVersion}
        ?disabled=${index >= ids.length - 1 || this.busy}
        @click=${() => go(ids[index + 1])}
      >
        ›
      </button>
    </div>`;
  }

  protected override render() {
    const m = this.message;
    const s = this.strings;
    return html`<div class="actions">
      ${this.#versions()}
      ${
        m.role === 'assistant' && m.status === 'complete'
          ? html`<cc-feedback exportparts="feedback" message-id=${m.id} .feedback=${m.feedback} .strings=${s}></cc-feedback>`
          : nothing
      }
      ${
        m.content
          ? html`<button type="button" class="icon-button" aria-label=${s.copy} title=${s.copy} @click=${this.#copy}>
            ${icons.copy}${this.copied ? s.copied : nothing}
          </button>`
          : nothing
      }
      ${
        m.role === 'assistant' && this.last && (!m.error || employeeError(m.error, s).canRetry)
          ? html`<button
            type="button"
            class="icon-button"
            aria-label=${s.regenerate}
            title=${s.regenerate}
            ?disabled=${this.busy}
            @click=${() => this.#fire('cc-regenerate', { messageId: m.id })}
          >
            ${icons.regenerate}
          </button>`
          : nothing
      }
      ${
        m.role === 'user'
          ? html`<button
            type="button"
            class="icon-button"
            aria-label=${s.edit}
            title=${s.edit}
            ?disabled=${this.busy}
            @click=${() => this.startEdit?.()}
          >
            ${icons.edit}
          </button>`
          : nothing
      }
    </div>`;
  }
}

defineElement('cc-message-actions', CcMessageActions);

declare global {
  interface HTMLElementTagNameMap {
    'cc-message-actions': CcMessageActions;
  }
}
