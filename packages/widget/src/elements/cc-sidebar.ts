import type { ConversationSummary } from '@company-chat/core/client';
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { defineElement } from '../define-element.js';
import { icons } from '../icons.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';
import { controlStyles } from '../theme-styles.js';

/**
 * The conversation list of page mode: new chat, search (by title), open, rename (inline) and delete
 * (with an inline confirmation, never a blocking `confirm()`).
 *
 * @fires cc-new-chat - Start a new conversation.
 * @fires cc-select - Open a conversation. `detail: { id }`.
 * @fires cc-rename - Rename a conversation. `detail: { id, title }`.
 * @fires cc-delete - Delete a conversation. `detail: { id }`.
 * @csspart sidebar - The sidebar container.
 * @csspart new-chat-button - The new chat button.
 * @csspart conversation - Each conversation entry (`conversation-active` for the open one).
 */
export class CcSidebar extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        min-height: 0;
      }
      nav {
        display: flex;
        flex-direction: column;
        gap: 8px;
        height: 100%;
        padding: var(--cc-spacing);
        background: var(--cc-color-surface);
        border-inline-end: 1px solid var(--cc-color-border);
      }
      .new {
        display: flex;
        align-items: center;
        gap: 6px;
        justify-content: center;
        padding: 8px;
        border-radius: 8px;
        border: 1px solid var(--cc-color-border);
        background: var(--cc-color-bg);
      }
      .new svg {
        width: 16px;
        height: 16px;
      }
      input {
        width: 100%;
        padding: 6px 8px;
        border-radius: 6px;
        border: 1px solid var(--cc-color-border);
        background: var(--cc-color-bg);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow-y: auto;
        flex: 1;
      }
      li {
        display: flex;
        align-items: center;
        border-radius: 8px;
      }
      li.active,
      li:hover {
        background: var(--cc-color-border);
      }
      .open {
        flex: 1;
        min-width: 0;
        text-align: start;
        background: none;
        border: none;
        padding: 7px 8px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .empty {
        color: var(--cc-color-muted);
        font-size: 0.9em;
        padding: 8px;
      }
      .danger {
        color: var(--cc-color-error);
      }
    `,
  ];
  static override properties = {
    conversations: { attribute: false },
    activeId: { attribute: false },
    strings: { attribute: false },
    query: { state: true },
    renaming: { state: true },
    confirming: { state: true },
  };

  declare conversations: readonly ConversationSummary[];
  declare activeId: string | null;
  declare strings: CompanyChatStrings;
  declare query: string;
  declare renaming: string | null;
  declare confirming: string | null;

  constructor() {
    super();
    this.conversations = [];
    this.activeId = null;
    this.strings = defaultStrings;
    this.query = '';
    this.renaming = null;
    this.confirming = null;
  }

  #fire(name: string, detail: Record<string, unknown> = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  async #startRename(id: string) {
    this.renaming = id;
    this.confirming = null;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('input.rename');
    input?.focus();
    input?.select();
  }

  #finishRename(id: string, input: HTMLInputElement, save: boolean) {
    const title = input.value.trim();
    this.renaming = null;
    if (save && title) this.#fire('cc-rename', { id, title });
  }

  #item(c: ConversationSummary) {
    const s = this.strings;
    const title = c.title || s.untitled;
    if (this.renaming === c.id) {
      return html`<li>
        <input
          class="rename"
          aria-label=${s.renameLabel}
          .value=${title}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') this.#finishRename(c.id, e.target as HTMLInputElement, true);
            if (e.key === 'Escape') {
              e.stopPropagation();
              this.#finishRename(c.id, e.target as HTMLInputElement, false);
            }
          }}
          @blur=${(e: FocusEvent) => this.renaming === c.id && this.#finishRename(c.id, e.target as HTMLInputElement, true)}
        />
      </li>`;
    }
    const active = c.id === this.activeId;
    return html`<li class=${active ? 'active' : ''} part=${active ? 'conversation conversation-active' : 'conversation'}>
      <button
        type="button"
        class="open"
        aria-current=${active ? 'page' : 'false'}
        title=${title}
        @click=${() => this.#fire('cc-select', { id: c.id })}
      >
        ${title}
      </button>
      ${
        this.confirming === c.id
          ? html`<button
            type="button"
            class="icon-button danger"
            @click=${() => {
              this.confirming = null;
              this.#fire('cc-delete', { id: c.id });
            }}
            @blur=${() => (this.confirming = null)}
          >
            ${s.confirmDelete}
          </button>`
          : html`<button type="button" class="icon-button" aria-label="${s.rename}: ${title}" title=${s.rename} @click=${() => this.#startRename(c.id)}>
              ${icons.edit}
            </button>
            <button
              type="button"
              class="icon-button"
              aria-label="${s.delete}: ${title}"
              title=${s.delete}
              @click=${async () => {
                this.confirming = c.id;
                await this.updateComplete;
                this.renderRoot.querySelector<HTMLButtonElement>('button.danger')?.focus();
              }}
            >
              ${icons.trash}
            </button>`
      }
    </li>`;
  }

  protected override render() {
    const s = this.strings;
    const q = this.query.trim().toLowerCase();
    const shown = q
      ? this.conversations.filter((c) => (c.title || s.untitled).toLowerCase().includes(q))
      : this.conversations;
    return html`<nav part="sidebar" aria-label=${s.conversationsLabel}>
      <button type="button" class="new" part="new-chat-button" @click=${() => this.#fire('cc-new-chat')}>
        ${icons.plus} ${s.newChat}
      </button>
      <input
        type="search"
        aria-label=${s.searchConversations}
        placeholder=${s.searchConversations}
        .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
      />
      ${
        shown.length === 0
          ? html`<p class="empty">${s.noConversations}</p>`
          : html`<ul>
            ${repeat(
              shown,
              (c) => c.id,
              (c) => this.#item(c),
            )}
          </ul>`
      }
      ${nothing}
    </nav>`;
  }
}

defineElement('cc-sidebar', CcSidebar);

declare global {
  interface HTMLElementTagNameMap {
    'cc-sidebar': CcSidebar;
  }
}
