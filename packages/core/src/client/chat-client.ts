import type { ChatEvent } from '../engine/chat-events.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { ChatStream, type SendCallbacks } from './chat-stream.js';
import { errorFromResponse, isMissingRoute, networkError, notSupported } from './client-error.js';
import type {
  ConversationPage,
  ConversationSummary,
  ConversationUpdate,
  ConversationWithMessages,
  EditMessageInput,
  FeedbackInput,
  FilePassage,
  ModelInfo,
  QuotaStatus,
  RegenerateInput,
  SendInput,
  StoredFeedback,
  UploadedFile,
} from './types.js';

/** Options of {@link ChatClient}. */
export interface ChatClientOptions {
  /** Base URL of the chat server, e.g. `https://chat.example.com`. Empty for the page's own origin. */
  endpoint?: string;
  /** A fixed bearer token. */
  token?: string;
  /**
   * Returns the bearer token. Called before every request, and once more with `{ refresh: true }` after
   * a 401 so an expired token can be replaced; the request is then retried once.
   */
  getToken?: (options: { refresh: boolean }) => string | null | undefined | Promise<string | null | undefined>;
  /** Extra headers on every request (e.g. `X-User-Id` against a server in development mode). */
  headers?: Record<string, string>;
  /** `fetch`'s credentials mode, for cookie-authenticated deployments. Defaults to `same-origin`. */
  credentials?: RequestCredentials;
  /** A custom fetch (tests, instrumentation). Defaults to the global one. */
  fetch?: typeof fetch;
}

/**
 * Browser-safe client of the company-chat server: streaming chat over SSE and conversation management.
 *
 * @example
 * ```ts
 * const client = new ChatClient({ endpoint: 'https://chat.example.com', getToken: () => auth.token() });
 * for await (const event of client.send({ content: 'Hello' })) {
 *   if (event.type === 'text-delta') print(event.delta);
 * }
 * ```
 */
export class ChatClient {
  readonly #options: ChatClientOptions;
  readonly #base: string;
  readonly #active = new Set<ChatStream>();

  constructor(options: ChatClientOptions = {}) {
    this.#options = options;
    this.#base = `${(options.endpoint ?? '').replace(/\/+$/, '')}/api/v1`;
  }

  /**
   * Sends a user message and streams the answer. Iterate the returned stream for ChatEvents, or pass
   * callbacks and await `stream.result()`.
   */
  send(input: SendInput, callbacks?: SendCallbacks): ChatStream {
    return this.#stream(
      '/chat',
      {
        content: input.content,
        conversationId: input.conversationId,
        model: input.model,
        clientMessageId: input.clientMessageId,
        useKnowledge: input.useKnowledge,
        // Only when there are some: older servers refuse fields they do not know.
        ...(input.attachments?.length ? { attachments: input.attachments } : {}),
      },
      input.signal,
      callbacks,
    );
  }

  /**
   * Writes a new answer beside an earlier one (regenerate): streams like {@link send}. Fails with
   * `not_supported` on a server without the route.
   */
  regenerate(input: RegenerateInput, callbacks?: SendCallbacks): ChatStream {
    const path = `/conversations/${encodeURIComponent(input.conversationId)}/messages/${encodeURIComponent(input.messageId)}/regenerate`;
    return this.#stream(path, { model: input.model }, input.signal, callbacks, 'Regenerating an answer');
  }

  /**
   * Sends an edited version of a user message as a new branch and streams its answer. Fails with
   * `not_supported` on a server without the route.
   */
  editMessage(input: EditMessageInput, callbacks?: SendCallbacks): ChatStream {
    const path = `/conversations/${encodeURIComponent(input.conversationId)}/messages/${encodeURIComponent(input.messageId)}/edit`;
    const body = { content: input.content, model: input.model, clientMessageId: input.clientMessageId };
    return this.#stream(path, body, input.signal, callbacks, 'Editing a message');
  }

  /** Shows the branch through `messageId` (e.g. another version of an answer) and returns the new path. */
  setActiveBranch(conversationId: string, messageId: string): Promise<ConversationWithMessages> {
    return this.#json(
      'PUT',
      `/conversations/${encodeURIComponent(conversationId)}/active-leaf`,
      { messageId },
      'Switching branches',
    );
  }

  /**
   * Rates an answer (thumbs up or down, optional comment); rating again replaces it. Rejects with
   * `not_found` for anything but the user's own answer, `not_supported` on servers without feedback.
   */
  async sendFeedback(conversationId: string, messageId: string, input: FeedbackInput): Promise<StoredFeedback> {
    const body = await this.#json<{ feedback: StoredFeedback }>(
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`,
      input.comment ? { rating: input.rating, comment: input.comment } : { rating: input.rating },
      'Feedback',
    );
    return body.feedback;
  }

  #stream(
    path: string,
    payload: Record<string, unknown>,
    signal: AbortSignal | undefined,
    callbacks: SendCallbacks | undefined,
    feature?: string,
  ): ChatStream {
    const controller = new AbortController();
    if (signal) {
      if (signal.aborted) controller.abort();
      else signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    const done = () => this.#active.delete(stream);
    const events = this.#events(path, JSON.stringify(payload), controller.signal, done, feature);
    const stream: ChatStream = new ChatStream(events, controller, callbacks);
    this.#active.add(stream);
    return stream;
  }

  /**
   * Uploads a file to the user's knowledge base (attached to `conversationId` when given), waiting for
   * its ingestion. The same content uploaded again to the same place resolves to the existing file with
   * `duplicate: true`. Fails with `not_supported` on a server without file uploads.
   */
  async uploadFile(file: Blob, options: { name?: string; conversationId?: string; signal?: AbortSignal } = {}) {
    const form = new FormData();
    form.set('file', file, options.name ?? (file as File).name ?? 'upload');
    if (options.conversationId) form.set('conversationId', options.conversationId);
    const response = await this.#request('POST', '/files', form, options.signal, 'application/json', 'Uploading files');
    const body = (await response.json()) as { file: UploadedFile; duplicate?: boolean };
    return { ...body.file, duplicate: body.duplicate === true };
  }

  /** The user's uploaded files (of one conversation, when given). `not_supported` without file routes. */
  async listFiles(options: { conversationId?: string; limit?: number } = {}): Promise<UploadedFile[]> {
    const query = new URLSearchParams();
    if (options.conversationId) query.set('conversationId', options.conversationId);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    const qs = query.toString();
    const body = await this.#json<{ files: UploadedFile[] }>('GET', `/files${qs ? `?${qs}` : ''}`, undefined, 'Files');
    return body.files;
  }

  /** Deletes one of the user's files (and its passages) from the knowledge base. */
  async deleteFile(id: string): Promise<void> {
    await this.#json('DELETE', `/files/${encodeURIComponent(id)}`, undefined, 'Files');
  }

  /**
   * A passage of a file, as a citation names it (`fileId`, `passageId`), with its neighbours: what the
   * answer quoted, in context. Rejects with `not_found` when the file is not one the user may read.
   */
  getPassage(fileId: string, passageId: string): Promise<FilePassage> {
    const path = `/files/${encodeURIComponent(fileId)}/passages/${encodeURIComponent(passageId)}`;
    return this.#json('GET', path, undefined, 'Files');
  }

  /**
   * A conversation exported by the server, as Markdown (`md`) or JSON: the text of the branch shown, ready
   * to save as a file. Rejects with `not_found` when the conversation is not the user's.
   */
  async exportConversation(id: string, format: 'md' | 'json'): Promise<Blob> {
    const accept = format === 'md' ? 'text/markdown' : 'application/json';
    const path = `/conversations/${encodeURIComponent(id)}/export?format=${format}`;
    const response = await this.#request('GET', path, undefined, undefined, accept, 'Export');
    return response.blob();
  }

  /** The caller's limits and usage. Rejects with `not_supported` on servers without `GET /quota`. */
  getQuota(): Promise<QuotaStatus> {
    return this.#json('GET', '/quota', undefined, 'Quota');
  }

  /** Stops every answer this client is streaming. */
  stop(): void {
    for (const stream of this.#active) stream.abort();
  }

  /**
   * Conversations of the current user, most recent first, a page at a time (pass the previous page's
   * `nextCursor` for the next). `query` searches titles and message text on the server (word prefixes).
   */
  async listConversations(
    options: { limit?: number; cursor?: string | null; query?: string } = {},
  ): Promise<ConversationPage> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.query) query.set('q', options.query);
    const qs = query.toString();
    return this.#json<ConversationPage>('GET', `/conversations${qs ? `?${qs}` : ''}`);
  }

  /** One conversation with its messages. Rejects with code `not_found` when it is not the user's. */
  getConversation(id: string): Promise<ConversationWithMessages> {
    return this.#json('GET', `/conversations/${encodeURIComponent(id)}`);
  }

  /**
   * Creates an empty conversation (to attach files to before the first message) and returns it.
   * Rejects with `not_supported` on servers without `POST /conversations`.
   */
  async createConversation(options: { title?: string; useKnowledge?: boolean } = {}): Promise<ConversationSummary> {
    const body = await this.#json<{ conversation: ConversationSummary }>(
      'POST',
      '/conversations',
      options,
      'Creating conversations',
    );
    return body.conversation;
  }

  /** Renames a conversation and returns it. */
  renameConversation(id: string, title: string): Promise<ConversationSummary> {
    return this.updateConversation(id, { title });
  }

  /** Changes a conversation's title, pin, archive or knowledge switch and returns it. */
  async updateConversation(id: string, update: ConversationUpdate): Promise<ConversationSummary> {
    const body = await this.#json<{ conversation?: ConversationSummary } & ConversationSummary>(
      'PATCH',
      `/conversations/${encodeURIComponent(id)}`,
      update,
    );
    return body.conversation ?? body;
  }

  /** Deletes a conversation and its messages. */
  async deleteConversation(id: string): Promise<void> {
    await this.#json('DELETE', `/conversations/${encodeURIComponent(id)}`);
  }

  /** The model aliases the server offers. */
  async listModels(): Promise<ModelInfo[]> {
    const body = await this.#json<{ models: ModelInfo[] } | ModelInfo[]>('GET', '/models');
    return Array.isArray(body) ? body : body.models;
  }

  async *#events(
    path: string,
    body: string,
    signal: AbortSignal,
    done: () => void,
    feature?: string,
  ): AsyncGenerator<ChatEvent> {
    // The stream reader (and its SSE parser) is a module of its own, fetched while the request is under
    // way: a page that embeds the chat does not load it before the first message (the widget's budget).
    // Failing to load it (offline) is a network failure, reported where the stream is read.
    const reader = import('./read-sse-events.js').catch((cause: unknown) => networkError(cause));
    try {
      const response = await this.#request('POST', path, body, signal, 'text/event-stream', feature);
      if (!response.body) return;
      const loaded = await reader;
      if (loaded instanceof CompanyChatError) throw loaded;
      const { readSseEvents } = loaded;
      yield* readSseEvents(response.body);
    } catch (error) {
      // A stop is not a failure: the stream just ends (the server stores the partial answer).
      if (signal.aborted) return;
      throw error;
    } finally {
      done();
    }
  }

  async #json<T>(method: string, path: string, body?: unknown, feature?: string): Promise<T> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const response = await this.#request(method, path, json, undefined, 'application/json', feature);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Sends one request with auth; on 401 refreshes the token once and retries. Non-2xx → typed error.
   * For a `feature` the server may not have yet, a missing route becomes a `not_supported` error.
   */
  async #request(
    method: string,
    path: string,
    body?: string | FormData,
    signal?: AbortSignal,
    accept = 'application/json',
    feature?: string,
  ): Promise<Response> {
    let response = await this.#fetch(method, path, body, signal, accept, false);
    if (response.status === 401 && this.#options.getToken) {
      await response.body?.cancel();
      response = await this.#fetch(method, path, body, signal, accept, true);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      throw feature && isMissingRoute(error) ? notSupported(feature) : error;
    }
    return response;
  }

  async #fetch(
    method: string,
    path: string,
    body: string | FormData | undefined,
    signal: AbortSignal | undefined,
    accept: string,
    refresh: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept, ...this.#options.headers };
    // FormData sets its own multipart content type (with the boundary).
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    const token = await this.#getToken(refresh);
    if (token) headers.authorization = `Bearer ${token}`;
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    try {
      return await doFetch(`${this.#base}${path}`, {
        method,
        headers,
        body,
        signal,
        credentials: this.#options.credentials ?? 'same-origin',
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw networkError(error);
    }
  }

  // Asked on every request: token providers cache themselves, and this way a rotated token is picked up.
  async #getToken(refresh: boolean): Promise<string | null | undefined> {
    return this.#options.getToken ? this.#options.getToken({ refresh }) : this.#options.token;
  }
}

/** Error type thrown by {@link ChatClient} methods (re-exported for convenience). */
export type ChatClientError = CompanyChatError;
