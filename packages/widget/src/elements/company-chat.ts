import {
  ChatClient,
  type ChatClientOptions,
  type ChatErrorInfo,
  type ChatFeedback,
  type ChatSnapshot,
  type QuotaStatus,
} from '@company-chat/core/client';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { DEFAULT_ACCEPT, DEFAULT_MAX_FILE_SIZE } from '../attachments/accept-file.js';
import { connectChunk } from '../connect-chunk.js';
import { AttachmentsController, type AttachScope } from '../controllers/attachments-controller.js';
import { ChatStateController } from '../controllers/chat-state-controller.js';
import { ConversationLocationController, type PersistMode } from '../controllers/conversation-location-controller.js';
import { describeTransition } from '../controllers/describe-transition.js';
import { DrawerController } from '../controllers/drawer-controller.js';
import { ModelsController } from '../controllers/models-controller.js';
import { quotaLine } from '../controllers/quota-line.js';
import { defineElement } from '../define-element.js';
import { createLazyEnhancers } from '../enhance/lazy-enhancers.js';
import { employeeError } from '../errors/employee-error.js';
import { icons } from '../icons.js';
import { loadOnce } from '../load-once.js';
import type { MarkdownEnhancers } from '../markdown/markdown-enhancers.js';
import { prepareMarkdown } from '../markdown/markdown-lexer.js';
import type { RenderContext } from '../markdown/render-markdown.js';
import { parseOrigins } from '../markdown/safe-url.js';
import { type CompanyChatStrings, defaultStrings, format } from '../strings.js';
import { controlStyles, themeStyles } from '../theme-styles.js';
import { loadChatTools } from '../tools/load-chat-tools.js';
import { checkedAvatar } from './checked-avatar.js';
import { companyChatStyles } from './company-chat-styles.js';
import { launcherView } from './launcher-view.js';
import { languageOf, prepareMessageTime } from './message-time.js';
import { suggestionsView } from './suggestions-view.js';
import './cc-composer.js';
import type { CcComposer } from './cc-composer.js';
import type { CcSidebar } from './cc-sidebar.js';
import './cc-message-list.js';

// The conversation list is a separate file, fetched when first shown (page mode, recent chats).
const loadSidebar = loadOnce(() => import('./cc-sidebar.js').then(connectChunk));

/** Where and how the chat shows. */
export type CompanyChatMode = 'launcher' | 'inline' | 'page';

/**
 * `<company-chat>`: a streaming chat with the company-chat server, in one tag.
 *
 * ```html
 * <script type="module" src="https://chat.example.com/widget/company-chat.js"></script>
 * <company-chat endpoint="https://chat.example.com" mode="launcher"></company-chat>
 * ```
 *
 * @fires cc-message-sent - The user sent a message. `detail: { content, conversationId }`.
 * @fires cc-answer-complete - An answer ended. `detail: { messageId, conversationId, status, content }`.
 * @fires cc-error - Something failed. `detail: { code, message, retryable }`.
 * @fires cc-open-change - The launcher panel opened or closed. `detail: { open }`.
 * @fires cc-conversation-change - Another conversation was opened, or a new chat started (its id arrives
 *   with the first answer). `detail: { conversationId }` (null for a new chat).
 * @fires cc-feedback - The user rated an answer (thumbs up/down, optional comment; stored on servers
 *   with feedback). `detail: { messageId, conversationId, rating, comment }`.
 * @fires cc-file-deleted - The user deleted one of their files in "My files". `detail: { fileId }`.
 * @slot empty - Content shown before the first message.
 * @slot suggestions - Starter prompts shown before the first message, instead of the `suggestions`
 *   property's buttons; clicking a slotted `<button>` sends its `value` (or its text).
 * @csspart launcher - The floating button (launcher mode).
 * @csspart panel - The chat panel.
 * @csspart quota - The remaining-quota line under the composer (and quota errors).
 * @csspart header - The panel header.
 * @csspart close-button - The close button (launcher mode).
 * @csspart sidebar - The conversation list (page mode's sidebar; the recent chats drawer otherwise).
 * @csspart new-chat-button - The New chat buttons (header and conversation list).
 * @csspart drawer-toggle - The button that shows the conversation list (recent chats, page sidebar).
 * @csspart message-list - The message log.
 * @csspart message - Each message; also `message-user`, `message-assistant`, `status`, `avatar`,
 *   `sent-attachment`.
 * @csspart suggestions - The starter prompts; `suggestion` is each of their buttons.
 * @csspart scroll-button - "Jump to the latest message", while the reader is scrolled up.
 * @csspart tools - The "More actions" dialog (my files, export).
 * @csspart error - An error shown in place; `retry-button` is its retry button, `error-details` the
 *   disclosure with its code.
 * @csspart feedback - The thumbs up/down under a finished answer and its comment form.
 * @csspart citations - The sources under an answer; `citation-source` is a source's name, a button that
 *   shows the cited passage in context (`passage`), loaded from the server.
 * @csspart code-block - A code block; `copy-code-button` is its copy button.
 * @csspart composer - The input form; also `input`, `send-button`, `stop-button`, `model-select`,
 *   `attach-button`, `attach-scope`, `attachment`, `more-button`.
 * @cssprop --cc-color-bg - Background.
 * @cssprop --cc-color-surface - Background of the sidebar and header.
 * @cssprop --cc-color-fg - Text colour.
 * @cssprop --cc-color-muted - Secondary text.
 * @cssprop --cc-color-border - Borders.
 * @cssprop --cc-color-accent - Buttons and highlights.
 * @cssprop --cc-color-accent-fg - Text on the accent colour.
 * @cssprop --cc-color-link - Links in answers.
 * @cssprop --cc-color-user-bg - Background of the user's messages.
 * @cssprop --cc-color-assistant-bg - Background of answers.
 * @cssprop --cc-color-code-bg - Background of code.
 * @cssprop --cc-color-code-keyword - Keywords in highlighted code (also `-string`, `-number`, `-title`,
 *   `-attr`, `-type`, `-comment`; by default a hue mixed with `--cc-color-fg`).
 * @cssprop --cc-color-error - Error text.
 * @cssprop --cc-color-error-bg - Error background.
 * @cssprop --cc-color-focus - Focus ring.
 * @cssprop --cc-radius - Corner radius.
 * @cssprop --cc-font-family - Font.
 * @cssprop --cc-font-mono - Font of code.
 * @cssprop --cc-font-size - Base font size.
 * @cssprop --cc-spacing - Base spacing.
 * @cssprop --cc-panel-width - Width of the launcher panel.
 * @cssprop --cc-panel-height - Height of the launcher panel.
 * @cssprop --cc-sidebar-width - Width of the sidebar (page mode).
 * @cssprop --cc-z-index - Stacking order of the launcher and its panel.
 */
export class CompanyChat extends LitElement {
  static override styles = [themeStyles, controlStyles, companyChatStyles];
  static override properties = {
    endpoint: { type: String },
    mode: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    allowedImageOrigins: { type: String, attribute: 'allowed-image-origins' },
    math: { type: String },
    maxLength: { type: Number, attribute: 'max-length' },
    attachments: { type: String },
    accept: { type: String },
    maxFileSize: { type: Number, attribute: 'max-file-size' },
    filesSupported: { state: true },
    quota: { state: true },
    model: { type: String },
    token: { attribute: false },
    getToken: { attribute: false },
    headers: { attribute: false },
    fetch: { attribute: false },
    strings: { attribute: false },
    announcement: { state: true },
    sidebarOpen: { state: true },
    persist: { type: String },
    storageKey: { type: String, attribute: 'storage-key' },
    conversationParam: { type: String, attribute: 'conversation-param' },
    suggestions: { type: Array },
    assistantName: { type: String, attribute: 'assistant-name' },
    assistantAvatar: { type: String, attribute: 'assistant-avatar' },
    userName: { type: String, attribute: 'user-name' },
    userAvatar: { type: String, attribute: 'user-avatar' },
    attachScope: { type: String, attribute: 'attach-scope' },
    toolsOpen: { state: true },
  };

  /** Base URL of the company-chat server; empty for the page's own origin. */
  declare endpoint: string;
  declare mode: CompanyChatMode;
  /** `light`, `dark` or `auto` (follows the operating system). */
  declare theme: 'light' | 'dark' | 'auto';
  /** Launcher mode: whether the panel is open. */
  declare open: boolean;
  /** Space-separated origins answers may load images from; images from anywhere else are not loaded. */
  declare allowedImageOrigins: string;
  /**
   * `off` shows `$…$` and `$$…$$` in answers as typed instead of rendering them as math. Math and syntax
   * highlighting load lazily, as separate files next to `company-chat.js`, when an answer first needs them.
   */
  declare math: 'on' | 'off';
  /** Longest message the user may type. */
  declare maxLength: number;
  /** File attachments: `auto` (when the server accepts uploads), `on` or `off`. */
  declare attachments: 'auto' | 'on' | 'off';
  /** Accepted attachments, as in `<input accept>`. Checked before upload. */
  declare accept: string;
  /** Largest attachment in bytes (default 20 MiB). Checked before upload. */
  declare maxFileSize: number;
  declare filesSupported: boolean;
  /** The caller's quota, when the server reports one (refreshed after every answer). */
  declare quota: QuotaStatus | null;
  /** Model alias to use; the server's default when empty. */
  declare model: string;
  /** A fixed bearer token. */
  declare token: string | undefined;
  /** Returns a bearer token; called again with `{ refresh: true }` after a 401. */
  declare getToken: ChatClientOptions['getToken'];
  /** Extra request headers (e.g. `X-User-Id` against a development server). */
  declare headers: Record<string, string> | undefined;
  /** A custom `fetch` for every request (instrumentation, tests, stories). */
  declare fetch: typeof fetch | undefined;
  /** Overrides for any user-visible string. */
  declare strings: Partial<CompanyChatStrings>;
  declare announcement: string;
  declare sidebarOpen: boolean;
  /**
   * Where the open conversation is remembered, so the chat reopens it on the site's next page view:
   * `local` (localStorage, the default), `session` (sessionStorage: this tab only) or `none`.
   */
  declare persist: PersistMode;
  /** The storage key of the open conversation; by default `company-chat:` followed by the endpoint. */
  declare storageKey: string;
  /**
   * Page mode: the query parameter naming the open conversation (`?c=<id>` for `c`). Empty (the
   * default): the URL's hash, `#conversation=<id>`.
   */
  declare conversationParam: string;
  /** Starter prompts shown on the empty chat (attribute: a JSON array of strings); a click sends one. */
  declare suggestions: string[];
  /** The assistant's name above its answers (default "Assistant"). */
  declare assistantName: string;
  /**
   * Picture beside the assistant's answers: a URL from one of `allowed-image-origins`, or a `data:image/`
   * URL. Anything else is not loaded.
   */
  declare assistantAvatar: string;
  /** The user's name above their messages (default "You"), e.g. the signed-in user's name. */
  declare userName: string;
  /** Picture beside the user's messages; the same rules as `assistant-avatar`. */
  declare userAvatar: string;
  /** Where attached files go at first: `conversation` (this chat) or `user` (all my chats). */
  declare attachScope: AttachScope;
  declare toolsOpen: boolean;

  #client: ChatClient | null = null;
  #clientSettings: unknown[] = [];
  #text: CompanyChatStrings = defaultStrings;
  #context!: RenderContext;
  #enhancers!: MarkdownEnhancers;
  readonly #state = new ChatStateController(
    this,
    () => this.client,
    (prev, next) => this.#onChange(prev, next),
  );
  readonly #models = new ModelsController(this, () => this.client);
  readonly #drawer = new DrawerController(this, () => ({
    toggle: this.renderRoot.querySelector<HTMLElement>('.drawer-toggle'),
    list: this.renderRoot.querySelector<HTMLElement>('cc-sidebar'),
  }));
  readonly #location = new ConversationLocationController(this, {
    chat: this.#state.chat,
    snapshot: () => this.#state.snapshot,
    inUrl: () => this.mode === 'page',
    persist: () => this.persist,
    storageKey: () => this.storageKey || `company-chat:${this.endpoint}`,
    param: () => this.conversationParam,
    onError: (error) => this.#reportError(error),
  });
  readonly #files = new AttachmentsController(
    this,
    () => this.client,
    () => this.chat.ensureConversation(),
    (a) => {
      this.announcement =
        a.status === 'ready'
          ? `${a.name}: ${this.#text.uploaded}`
          : format(this.#text.uploadFailed, { name: a.name, message: a.error ?? '' });
      if (a.status === 'error')
        this.#fire('cc-error', { code: 'upload_failed', message: a.error ?? '', retryable: true });
    },
  );
  #filesProbe: ChatClient | null = null;
  // The open conversation's title as renamed in the list (the chat state keeps the one it loaded).
  #renamed: { id: string; title: string } | null = null;
  #avatars: { user?: string; assistant?: string } = {};
  #quotaClient: ChatClient | null = null;
  // One function for every render (a new one would make each open passage load again).
  readonly #getPassage = (fileId: string, passageId: string) => this.client.getPassage(fileId, passageId);

  constructor() {
    super();
    this.endpoint = '';
    this.mode = 'inline';
    this.theme = 'auto';
    this.open = false;
    this.allowedImageOrigins = '';
    this.math = 'on';
    this.maxLength = 4000;
    this.attachments = 'auto';
    this.accept = DEFAULT_ACCEPT;
    this.maxFileSize = DEFAULT_MAX_FILE_SIZE;
    this.filesSupported = false;
    this.quota = null;
    this.model = '';
    this.strings = {};
    this.announcement = '';
    this.sidebarOpen = true;
    this.persist = 'local';
    this.storageKey = '';
    this.conversationParam = '';
    this.suggestions = [];
    this.assistantName = '';
    this.assistantAvatar = '';
    this.userName = '';
    this.userAvatar = '';
    this.attachScope = 'conversation';
    this.toolsOpen = false;
  }

  /** The client this element talks through (re-created when endpoint, token or headers change). */
  get client(): ChatClient {
    // Compared on every use (not in willUpdate): a send right after setting `headers` must use them.
    const settings = [this.endpoint, this.token, this.getToken, this.headers, this.fetch];
    if (this.#clientSettings.some((value, i) => value !== settings[i])) this.#client = null;
    this.#clientSettings = settings;
    this.#client ??= new ChatClient({
      endpoint: this.endpoint,
      token: this.token,
      getToken: this.getToken,
      headers: this.headers,
      fetch: this.fetch,
    });
    return this.#client;
  }

  /** The chat state (messages, status, error): read it, or drive the chat from code. */
  get chat() {
    return this.#state.chat;
  }

  /** Sends a message as if the user typed it, with the files attached so far (their chips clear). */
  send(content: string): Promise<unknown> {
    const attachments = this.#files.take();
    this.dispatchEvent(
      new CustomEvent('cc-message-sent', {
        detail: { content, conversationId: this.#state.snapshot.conversationId },
        bubbles: true,
        composed: true,
      }),
    );
    return this.chat.send(content, { attachments });
  }

  /** Stops the answer being streamed. */
  stop(): void {
    this.chat.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings') || changed.has('assistantName') || changed.has('userName')) {
      this.#text = { ...defaultStrings, ...this.strings };
      if (this.assistantName) this.#text.assistant = this.assistantName;
      if (this.userName) this.#text.you = this.userName;
    }
    if (changed.has('strings') || changed.has('allowedImageOrigins') || changed.has('math')) {
      const text = this.#text;
      this.#context = {
        imageOrigins: parseOrigins(this.allowedImageOrigins),
        // `off`: dollar signs and `\(…\)` stay text, exactly as typed.
        math: this.math !== 'off',
        strings: text,
        copy: (code, button) => {
          navigator.clipboard?.writeText(code).catch(() => {});
          button.setAttribute('data-copied', '');
          this.announcement = text.copied;
        },
      };
    }
    if (changed.has('math')) this.#enhancers = createLazyEnhancers({ math: this.math !== 'off' });
    if (changed.has('userAvatar') || changed.has('assistantAvatar') || changed.has('allowedImageOrigins')) {
      const origins = this.#context.imageOrigins;
      this.#avatars = {
        user: checkedAvatar(this.userAvatar, origins),
        assistant: checkedAvatar(this.assistantAvatar, origins),
      };
    }
    // Whether the server accepts uploads: asked once per client (a 404 means an older server).
    if (this.attachments === 'auto' && this.#filesProbe !== this.client) {
      const client = this.client;
      this.#filesProbe = client;
      const settle = (supported: boolean) => {
        if (this.#filesProbe === client) this.filesSupported = supported;
      };
      client.listFiles({ limit: 1 }).then(
        () => settle(true),
        () => settle(false),
      );
    }
    if (this.#quotaClient !== this.client) this.#refreshQuota();
    if (changed.has('model') && this.model !== (this.#state.snapshot.model ?? '')) {
      this.chat.setModel(this.model || null);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A page's first Intl formatter (locale data) and first lex (compiling the lexer) are each a long
    // task on a slow device: they are done while the page is idle, not when the first answer arrives.
    const lang = languageOf(this);
    const idle = globalThis.requestIdleCallback ?? setTimeout;
    idle(() => prepareMessageTime(lang));
    prepareMarkdown(idle);
  }

  protected override updated(): void {
    // A closed launcher asks the server nothing: the remembered conversation loads when it first opens.
    if (this.mode !== 'launcher' || this.open) this.#location.restore();
  }

  #fire(name: string, detail: Record<string, unknown>) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  // Servers without quotas (or without the route) leave `quota` null: no line is shown.
  #refreshQuota() {
    const client = this.client;
    this.#quotaClient = client;
    client.getQuota().then(
      (quota) => {
        if (this.#quotaClient === client) this.quota = quota;
      },
      () => {},
    );
  }

  #onChange(prev: ChatSnapshot, next: ChatSnapshot) {
    if (prev.status === 'streaming' && next.status !== 'streaming') this.#refreshQuota();
    this.#location.changed(prev, next);
    const { announcement, events, listChanged } = describeTransition(prev, next, this.#text);
    if (announcement) this.announcement = announcement;
    for (const [name, detail] of events) this.#fire(name, detail);
    if (listChanged) this.renderRoot.querySelector<CcSidebar>('cc-sidebar')?.refresh?.();
  }

  /** The employee's words for a thrown error (server messages go to `cc-error` for the page's logs). */
  #errorText(error: unknown): string {
    const e = error as { code?: string; message?: string; isRetryable?: boolean };
    const info: ChatErrorInfo = { code: e.code ?? 'internal', message: e.message ?? '', retryable: !!e.isRetryable };
    return employeeError(info, this.#text).text;
  }

  #onRate(e: CustomEvent<{ messageId: string } & ChatFeedback>) {
    // Re-fired from the host with the conversation, so the page sees one event in its own terms.
    e.stopPropagation();
    const { messageId, rating, comment } = e.detail;
    this.#fire('cc-feedback', { messageId, conversationId: this.#state.snapshot.conversationId, rating, comment });
    this.chat.rate(messageId, { rating, comment }).catch((error) => this.#reportError(error));
  }

  #reportError(error: unknown) {
    const e = error as { code?: string; message?: string; isRetryable?: boolean };
    this.announcement = format(this.#text.answerFailed, { message: this.#errorText(error) });
    this.#fire('cc-error', {
      code: e.code ?? 'internal',
      message: e.message ?? String(error),
      retryable: !!e.isRetryable,
    });
  }

  #onSend(e: CustomEvent<{ content: string }>) {
    this.send(e.detail.content).catch((error) => this.#reportError(error));
  }

  #focusComposer() {
    this.updateComplete.then(() => this.renderRoot.querySelector<CcComposer>('cc-composer')?.focus());
  }

  async #setOpen(open: boolean) {
    if (this.open === open) return;
    this.open = open;
    this.#fire('cc-open-change', { open });
    await this.updateComplete;
    if (open) this.#focusComposer();
    else this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  }

  #chat() {
    const snap = this.#state.snapshot;
    const t = this.#text;
    const busy = snap.status === 'streaming';
    const last = snap.messages.at(-1);
    // Errors that belong to no message (e.g. an unsupported action) show as a banner.
    const banner = snap.error && !(last?.status === 'error' && last.error === snap.error) ? snap.error : null;
    const quota = quotaLine(this.quota, snap.error, t);
    const canAttach = this.attachments === 'on' || (this.attachments === 'auto' && this.filesSupported);
    return html`<div
      class="chat"
      ?inert=${this.#drawer.open}
      @dragover=${(e: DragEvent) => canAttach && e.preventDefault()}
      @drop=${(e: DragEvent) => {
        // Files dropped anywhere on the chat (the composer handles drops on itself).
        if (!canAttach || e.defaultPrevented || !e.dataTransfer?.files.length) return;
        e.preventDefault();
        this.renderRoot.querySelector<CcComposer>('cc-composer')?.attachFiles(e.dataTransfer.files);
      }}
    >
      <cc-message-list
        exportparts="message-list, message, message-user, message-assistant, error, retry-button, error-details, feedback, status, versions, citations, citation-source, passage, code-block, copy-code-button, avatar, sent-attachment, scroll-button"
        .avatars=${this.#avatars}
        .getPassage=${this.#getPassage}
        .messages=${snap.messages}
        .strings=${t}
        .context=${this.#context}
        .enhancers=${this.#enhancers}
        ?busy=${busy}
        @cc-retry=${() => this.chat.retry()}
        @cc-regenerate=${(e: CustomEvent<{ messageId: string }>) => this.chat.regenerate(e.detail.messageId)}
        @cc-edit=${(e: CustomEvent<{ messageId: string; content: string }>) =>
          this.chat.edit(e.detail.messageId, e.detail.content)}
        @cc-copy=${async (e: CustomEvent<{ copied: boolean }>) => {
          // Cleared first, so a second copy is announced again.
          this.announcement = '';
          await this.updateComplete;
          this.announcement = e.detail.copied ? t.copied : t.copyFailed;
        }}
        @cc-switch-branch=${(e: CustomEvent<{ messageId: string }>) => this.chat.switchBranch(e.detail.messageId)}
        @cc-rate=${this.#onRate}
        ><slot name="empty" slot="empty">${t.emptyState}</slot>${
          snap.messages.length
            ? nothing
            : suggestionsView(this.suggestions, t, (content) =>
                this.#onSend(new CustomEvent('cc-send', { detail: { content } })),
              )
        }</cc-message-list
      >
      ${banner ? html`<div class="banner" part="error">${employeeError(banner, t).text}</div>` : nothing}
      <cc-composer
        exportparts="composer, input, send-button, stop-button, model-select, attach-button, attach-scope, attachment, more-button, knowledge-toggle"
        ?busy=${busy}
        .maxLength=${this.maxLength}
        .models=${this.#models.models}
        .model=${snap.model ?? this.#models.models.find((m) => m.default)?.id ?? ''}
        .strings=${t}
        @cc-send=${this.#onSend}
        @cc-stop=${() => this.stop()}
        @cc-model-change=${(e: CustomEvent<{ model: string }>) => this.chat.setModel(e.detail.model || null)}
        .attachments=${this.#files.items}
        ?can-attach=${canAttach}
        attach-scope=${this.attachScope}
        @cc-attach-scope-change=${(e: CustomEvent<{ scope: AttachScope }>) => (this.attachScope = e.detail.scope)}
        ?more=${canAttach || !!snap.conversationId}
        @cc-more=${() =>
          loadChatTools().then(
            () => (this.toolsOpen = true),
            (error) => this.#reportError(error),
          )}
        .accept=${this.accept}
        .maxFileSize=${this.maxFileSize}
        @cc-attach=${(
          e: CustomEvent<{ accepted: File[]; rejected: { name: string; size: number; message: string }[] }>,
        ) => {
          for (const r of e.detail.rejected) this.#files.reject(r.name, r.size, r.message);
          if (e.detail.rejected[0]) this.announcement = e.detail.rejected.map((r) => r.message).join(' ');
          for (const file of e.detail.accepted) this.#files.upload(file, this.attachScope);
        }}
        @cc-remove-attachment=${(e: CustomEvent<{ key: number }>) => this.#files.remove(e.detail.key)}
        ?knowledge=${this.filesSupported}
        ?use-knowledge=${snap.useKnowledge !== false}
        @cc-knowledge-change=${(e: CustomEvent<{ useKnowledge: boolean }>) => this.chat.setUseKnowledge(e.detail.useKnowledge)}
      ></cc-composer>
      ${quota.text ? html`<div class=${quota.alert ? 'quota alert' : 'quota'} part="quota" role=${quota.alert ? 'alert' : nothing}>${quota.text}</div>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${
        this.toolsOpen
          ? html`<cc-chat-tools
            part="tools"
            .client=${this.client}
            .snapshot=${snap}
            .strings=${t}
            .files=${canAttach || this.filesSupported}
            .uploads=${this.#files.items}
            @cc-file-deleted=${(e: CustomEvent<{ fileId: string }>) => this.#files.forget(e.detail.fileId)}
            @cc-close=${() => (this.toolsOpen = false)}
          ></cc-chat-tools>`
          : nothing
      }
    </div>`;
  }

  // The conversation list is a drawer over the chat in launcher and inline modes, and in narrow page mode.
  get #inDrawer(): boolean {
    return this.mode !== 'page' || this.#drawer.narrow;
  }

  #toggleList() {
    if (this.#inDrawer) {
      this.#drawer.set(!this.#drawer.open);
    } else this.sidebarOpen = !this.sidebarOpen;
  }

  // Esc closes an open drawer (before the launcher panel), wherever focus is in the header or the list.
  #closeOnEscape(e: KeyboardEvent) {
    if (e.key !== 'Escape' || !this.#drawer.open) return;
    e.stopPropagation();
    this.#drawer.set(false);
  }

  // A closing drawer returns focus to its toggle; otherwise the user is about to type.
  #afterPick() {
    if (this.#drawer.open) this.#drawer.set(false);
    else this.#focusComposer();
  }

  #newChat() {
    this.chat.reset();
    this.#files.clear();
    this.#afterPick();
  }

  #header(extra: unknown = nothing): TemplateResult {
    const t = this.#text;
    const snap = this.#state.snapshot;
    const renamed = this.#renamed;
    const title = (renamed?.id === snap.conversationId && renamed.title) || snap.title || t.title;
    const drawer = this.#inDrawer;
    const expanded = drawer ? this.#drawer.open : this.sidebarOpen;
    return html`<div class="header" part="header" @keydown=${this.#closeOnEscape}>
      <button
        type="button"
        class="icon-button drawer-toggle"
        part="drawer-toggle"
        aria-label=${this.mode === 'page' ? t.toggleSidebar : t.recentChats}
        title=${this.mode === 'page' ? t.toggleSidebar : t.recentChats}
        aria-controls="cc-conversations"
        aria-expanded=${expanded ? 'true' : 'false'}
        @click=${this.#toggleList}
      >
        ${icons.menu}
      </button>
      <h2 part="title">${title}</h2>
      <button type="button" class="icon-button" part="new-chat-button" aria-label=${t.newChat} title=${t.newChat} @click=${this.#newChat}>
        ${icons.plus}
      </button>
      ${extra}
    </div>`;
  }

  /** The conversation list; as a drawer, with a backdrop that closes it when tapped. */
  #list() {
    const t = this.#text;
    loadSidebar().catch(() => {});
    return html`<cc-sidebar
        id="cc-conversations"
        exportparts="sidebar, new-chat-button, conversation, conversation-active"
        .client=${this.client}
        .activeId=${this.#state.snapshot.conversationId}
        .strings=${t}
        @keydown=${this.#closeOnEscape}
        @cc-new-chat=${this.#newChat}
        @cc-select=${(e: CustomEvent<{ id: string }>) => {
          const loading = this.chat.load(e.detail.id);
          this.#afterPick();
          loading.catch((error) => this.#reportError(error));
        }}
        @cc-rename=${(e: CustomEvent<{ id: string; title: string }>) => {
          this.#renamed = e.detail;
          this.requestUpdate();
        }}
        @cc-delete=${(e: CustomEvent<{ id: string }>) => {
          if (this.#state.snapshot.conversationId === e.detail.id) this.chat.reset();
        }}
        @cc-list-error=${(e: CustomEvent<{ error: unknown }>) => this.#reportError(e.detail.error)}
      ></cc-sidebar>
      ${this.#drawer.open ? html`<div class="backdrop" @click=${() => this.#drawer.set(false)}></div>` : nothing}`;
  }

  protected override render() {
    const t = this.#text;
    const drawer = this.#drawer.open ? this.#list() : nothing;
    if (this.mode === 'launcher') {
      return launcherView({
        open: this.open,
        strings: t,
        header: (extra) => this.#header(extra),
        chat: html`${drawer}${this.#chat()}`,
        setOpen: (open) => this.#setOpen(open),
        canClose: () => this.#state.snapshot.status !== 'streaming',
      });
    }
    if (this.mode === 'page') {
      const narrow = this.#drawer.narrow;
      const shown = narrow ? this.#drawer.open : this.sidebarOpen;
      return html`<div class="page ${narrow ? 'drawer' : shown ? '' : 'no-sidebar'}" part="panel">
        ${this.#header()} ${shown ? this.#list() : nothing} ${this.#chat()}
      </div>`;
    }
    return html`<div class="inline" part="panel">${this.#header()} ${drawer} ${this.#chat()}</div>`;
  }
}

defineElement('company-chat', CompanyChat);

declare global {
  interface HTMLElementTagNameMap {
    'company-chat': CompanyChat;
  }
}
