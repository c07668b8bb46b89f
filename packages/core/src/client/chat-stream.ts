import type { MessageStatus } from '../conversations/types.js';
import type { ChatEvent, ErrorEvent, MessageEndEvent, TextDeltaEvent } from '../engine/chat-events.js';
import type { TokenUsage } from '../providers/chat-model.js';

/** Callbacks fired as the answer streams (each one is optional). */
export interface SendCallbacks {
  onEvent?(event: ChatEvent): void;
  onConversation?(conversation: { id: string; title: string }, created: boolean): void;
  onTextDelta?(delta: string, event: TextDeltaEvent): void;
  onMessageEnd?(event: MessageEndEvent): void;
  onError?(error: ErrorEvent['error'], event: ErrorEvent): void;
}

/** What a finished send amounts to. */
export interface SendResult {
  conversationId: string | null;
  userMessageId: string | null;
  messageId: string | null;
  text: string;
  /** `aborted` also when the client stopped before the server said so. Null if no answer started. */
  status: Exclude<MessageStatus, 'streaming'> | null;
  usage: TokenUsage | null;
  error: ErrorEvent['error'] | null;
}

/**
 * One answer being streamed: iterate it for the ChatEvents (once), or await `result()` to drain it.
 * Errors known before streaming (HTTP 4xx/5xx, network) are thrown as `CompanyChatError` from the
 * first iteration; failures after the answer started arrive as an `error` event instead.
 */
export class ChatStream implements AsyncIterable<ChatEvent> {
  readonly #events: AsyncGenerator<ChatEvent>;
  readonly #controller: AbortController;
  #iterating = false;
  #finished!: () => void;
  readonly #done = new Promise<void>((resolve) => {
    this.#finished = resolve;
  });
  #result: SendResult = {
    conversationId: null,
    userMessageId: null,
    messageId: null,
    text: '',
    status: null,
    usage: null,
    error: null,
  };

  /** @internal Created by `ChatClient.send()`. */
  constructor(events: AsyncGenerator<ChatEvent>, controller: AbortController, callbacks: SendCallbacks = {}) {
    this.#controller = controller;
    this.#events = this.#track(events, callbacks);
  }

  /** Stops the answer: the request is aborted, the server sees the disconnect and stores what it has. */
  abort(): void {
    this.#controller.abort();
  }

  /** True once `abort()` was called (or the caller's signal aborted). */
  get aborted(): boolean {
    return this.#controller.signal.aborted;
  }

  [Symbol.asyncIterator](): AsyncGenerator<ChatEvent> {
    if (this.#iterating) throw new Error('A ChatStream can be iterated only once.');
    this.#iterating = true;
    return this.#events;
  }

  /**
   * Resolves with the outcome once the stream ends: drains it (firing the callbacks) unless someone is
   * iterating it already, in which case it waits for that iteration to finish.
   */
  async result(): Promise<SendResult> {
    if (!this.#iterating) for await (const _ of this) void _;
    else await this.#done;
    return this.#result;
  }

  async *#track(events: AsyncGenerator<ChatEvent>, callbacks: SendCallbacks): AsyncGenerator<ChatEvent> {
    try {
      yield* this.#relay(events, callbacks);
    } finally {
      this.#finished();
    }
  }

  async *#relay(events: AsyncGenerator<ChatEvent>, callbacks: SendCallbacks): AsyncGenerator<ChatEvent> {
    const r = this.#result;
    for await (const event of events) {
      switch (event.type) {
        case 'conversation':
          r.conversationId = event.conversation.id;
          callbacks.onConversation?.(event.conversation, event.created);
          break;
        case 'message-start':
          r.userMessageId = event.userMessageId;
          r.messageId = event.messageId;
          break;
        case 'text-delta':
          r.text += event.delta;
          callbacks.onTextDelta?.(event.delta, event);
          break;
        case 'usage':
          r.usage = event.usage;
          break;
        case 'message-end':
          r.status = event.status;
          r.usage = event.usage ?? r.usage;
          callbacks.onMessageEnd?.(event);
          break;
        case 'error':
          r.error = event.error;
          callbacks.onError?.(event.error, event);
          break;
      }
      callbacks.onEvent?.(event);
      yield event;
    }
    // A stop ends the body before the server's message-end could reach us.
    if (this.aborted && r.messageId && r.status === null) r.status = 'aborted';
  }
}
