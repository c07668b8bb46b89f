import { type ChatClient, type ChatController, type ChatSnapshot, createChatState } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Connects a Lit element to the framework-agnostic chat state: re-renders the host on every change and
 * reports each transition (previous → next snapshot) so the host can announce and fire events.
 * Disconnecting (moving the element in the DOM) does not stop an answer.
 */
export class ChatStateController implements ReactiveController {
  readonly chat: ChatController;
  #snapshot: ChatSnapshot;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    getClient: () => ChatClient,
    private readonly onChange: (previous: ChatSnapshot, next: ChatSnapshot) => void,
  ) {
    this.chat = createChatState({ client: getClient });
    this.#snapshot = this.chat.getSnapshot();
    host.addController(this);
  }

  /** The current state. */
  get snapshot(): ChatSnapshot {
    return this.#snapshot;
  }

  hostConnected(): void {
    // Changes while disconnected (an answer finishing) were not seen: catch up first.
    this.#snapshot = this.chat.getSnapshot();
    this.#unsubscribe ??= this.chat.subscribe(() => {
      const previous = this.#snapshot;
      this.#snapshot = this.chat.getSnapshot();
      this.onChange(previous, this.#snapshot);
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
