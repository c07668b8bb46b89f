import type { ChatClient, ConversationSummary } from '@company-chat/core/client';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ConversationsController } from '../controllers/conversations-controller.js';
import { matchSegments } from '../conversations/match-segments.js';
import { defineElement } from '../define-element.js';
import { icons } from '../icons.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';
import { controlStyles } from '../theme-styles.js';
import { type SidebarStrings, sidebarStrings } from './sidebar-strings.js';

/**
 * The conversation list (page mode's sidebar, the recent chats of the other modes), fetched through
 * `client`: new chat, search (on the server, matches marked), open, rename (inline) and delete (with an
 * inline confirmation, never a blocking `confirm()`). Older conversations are fetched as the end of the
 * list scrolls into view.
 *
 * @fires cc-new-chat - Start a new conversation.
 * @fires cc-select - Open a conversation. `detail: { id }`.
 * @fires cc-rename - A conversation was renamed. `detail: { id, title }`.
 * @fires cc-delete - A conversation was deleted. `detail: { id }`.
 * @fires cc-list-error - Listing, renaming or deleting failed. `detail: { error }`.
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
      mark {
        background: none;
        color: inherit;
        font-weight: 700;
        text-decoration: underline;
      }
      .more {
        height: 1px;
      }
    `,
  ];
  static override properties = {
    client: { attribute: false },
    activeId: { attribute: false },
    typed: { state: true },
    strings: { attribute: false },
    renaming: { state: true },
    confirming: { state: true },
  };

  /** The client the list is fetched through. */
  declare client: ChatClient | undefined;
  declare activeId: string | null;
  declare strings: CompanyChatStrings;
  declare typed: string;
  declare renaming: string | null;
  declare confirming: string | null;

  constructor() {
    super();
    this.client = undefined;
    this.activeId = null;
    this.strings = defaultStrings;
    this.typed = '';
    this.renaming = null;
    this.confirming = null;
  }

  #observer: IntersectionObserver | undefined;
  readonly #list = new ConversationsController(
    this,
    () => this.client as ChatClient,
    (error) => this.#fire('cc-list-error', { error }),
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.refresh();
  }

  /** Fetches the first page again (after a conversation was created, answered or renamed elsewhere). */
  refresh(): Promise<void> {
    return this.client ? this.#list.refresh() : Promise.resolve();
  }

  /** Moves focus to the open conversation, else to New chat (not to the search field: on a phone that
   * would raise the keyboard over the list). */
  override focus(): void {
    const root = this.renderRoot;
    (root.querySelector<HTMLElement>('[aria-current="page"]') ?? root.querySelector('button'))?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  protected override updated(): void {
    // Observed afresh after every render: observing reports the current state at once, so a list still
    // shorter than its box after a page keeps asking until it fills or the server has no more.
    this.#observer?.disconnect();
    const sentinel = this.renderRoot.querySelector('.more');
    if (!sentinel) return;
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#list.more();
      },
      { root: sentinel.parentElement },
    );
    this.#observer.observe(sentinel);
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
    if (save && title) this.#list.rename(id, title).then((ok) => ok && this.#fire('cc-rename', { id, title }));
  }

  #item(c: ConversationSummary) {
    const s = this.#s;
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
        ${matchSegments(title, this.#list.query).map((m) => (m.match ? html`<mark>${m.text}</mark>` : m.text))}
      </button>
      ${
        this.confirming === c.id
          ? html`<button
            type="button"
            class="icon-button danger"
            @click=${() => {
              this.confirming = null;
              this.#list.remove(c.id).then((ok) => ok && this.#fire('cc-delete', { id: c.id }));
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

  get #s(): CompanyChatStrings & SidebarStrings {
    return { ...sidebarStrings, ...this.strings } as CompanyChatStrings & SidebarStrings;
  }

  protected override render() {
    const s = this.#s;
    const { items: shown, query, loaded, hasMore } = this.#list;
    return html`<nav part="sidebar" aria-label=${s.conversationsLabel}>
      <button type="button" class="new" part="new-chat-button" @click=${() => this.#fire('cc-new-chat')}>
        ${icons.plus} ${s.newChat}
      </button>
      <input
        type="search"
        aria-label=${s.searchConversations}
        placeholder=${s.searchConversations}
        .value=${this.typed}
        @input=${(e: Event) => {
          this.typed = (e.target as HTMLInputElement).value;
          this.#list.search(this.typed);
        }}
      />
      ${
        shown.length === 0
          ? html`<p class="empty" role="status">${loaded ? (query ? s.noMatches : s.noConversations) : ''}</p>`
          : html`<ul>
            ${repeat(
              shown,
              (c) => c.id,
              (c) => this.#item(c),
            )}
            ${hasMore ? html`<li class="more" aria-hidden="true"></li>` : nothing}
          </ul>`
      }
    </nav>`;
  }
}

defineElement('cc-sidebar', CcSidebar);

declare global {
  interface HTMLElementTagNameMap {
    'cc-sidebar': CcSidebar;
  }
}
