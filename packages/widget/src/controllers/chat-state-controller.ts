import { type ChatClient, type ChatController, type ChatSnapshot, createChatState } from '@company-chat/core/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Least time between two renders of a streaming answer (milliseconds). */
const STREAM_FRAME_MS = 50;
/**
 * After a streaming render whose frame (scripts, style, layout, paint) took `t` ms, the next one waits
 * `RENDER_SHARE_PAUSE × t` ms: on a slow device, streaming renders take at most a fifth of the main thread
 * and the host page keeps the rest, at the price of fewer, larger updates.
 */
const RENDER_SHARE_PAUSE = 4;

/**
 * Connects a Lit element to the framework-agnostic chat state: re-renders the host when it changes (in
 * animation frames, at most every 50 ms, while an answer streams) and reports each transition (previous → next snapshot) so the host can announce and fire events.
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
      // Tokens arrive far more often than the screen refreshes (a burst delivers thousands in one task):
      // while an answer streams, the host renders in an animation frame, at most every STREAM_FRAME_MS,
      // with the newest state. Every other change (start, end, errors) renders at once.
      if (previous.status === 'streaming' && this.#snapshot.status === 'streaming') this.#scheduleFrame();
      else this.#renderNow();
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#cancelFrame();
  }

  #frame = 0;
  #lastFrame = 0;
  #gap = STREAM_FRAME_MS;

  #scheduleFrame(): void {
    if (this.#frame) return;
    const onFrame = (now: number) => {
      // Each streaming render also costs the browser a style, layout and paint pass, whatever the size
      // of the change: on a slow device at 60 renders a second those alone fill the main thread.
      if (now - this.#lastFrame < this.#gap) {
        this.#frame = requestAnimationFrame(onFrame);
        return;
      }
      this.#frame = 0;
      this.#lastFrame = now;
      this.host.requestUpdate();
      // A task queued in an animation frame runs once that frame's rendering is done: the time until then
      // is what this render cost the page, and sets the pause before the next one.
      setTimeout(() => {
        const cost = performance.now() - now;
        this.#gap = Math.max(STREAM_FRAME_MS, cost * (1 + RENDER_SHARE_PAUSE));
      });
    };
    this.#frame = requestAnimationFrame(onFrame);
  }

  #cancelFrame(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #renderNow(): void {
    this.#cancelFrame();
    this.host.requestUpdate();
  }
}
