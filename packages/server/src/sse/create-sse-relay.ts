import type { ChatEvent } from '@company-chat/core';
import { encodeSseEvent, encodeTextDelta, SSE_HEARTBEAT, textDeltaFrameHead } from './encode-sse-event.js';
import { scheduleFlush } from './schedule-flush.js';
import { toErrorEvent } from './to-error-event.js';

/** Options of {@link createSseRelay}. */
export interface SseRelayOptions {
  /** The event already pulled from `events` (the server awaits it before answering 200). */
  first: ChatEvent;
  /** The rest of the engine's events. */
  events: AsyncIterator<ChatEvent>;
  /** Called once when the client goes away, to abort the engine. */
  onCancel: (reason: unknown) => void;
  /** Called when the engine throws after the stream started (the client gets an `error` event). */
  onError: (error: unknown) => void;
  /** Interval of `: ping` comment lines; 0 disables them. */
  heartbeatMs: number;
}

// Chunks (not bytes) queued for the socket before the relay stops pulling from the engine, so a slow
// client slows the provider stream down instead of growing memory.
const HIGH_WATER_MARK = 8;
const MAX_PENDING_CHARS = 32 * 1024;

/**
 * Relays ChatEvents as an SSE byte stream. The first event of an event-loop turn is written at once; the
 * events that arrive after it in the same turn are encoded into one string and written together when the
 * turn ends (see `scheduleFlush`), instead of once per token, and their consecutive text deltas are
 * joined into one event. Order is kept (one buffer, written in
 * sequence), the last events are flushed before closing, and when the client cancels, the engine is
 * aborted and still drained to its end, so it can store the partial answer as `aborted`.
 */
export function createSseRelay(options: SseRelayOptions): ReadableStream<Uint8Array> {
  const { events, heartbeatMs } = options;
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array>;
  let pending = '';
  let flushQueued = false;
  let cancelled = false;
  let closed = false;
  let seq = 0;
  let awaitingFirstToken = true;
  let resumePump: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  // Text deltas that follow each other within one turn (one upstream read) become one `text-delta`
  // event with their texts joined: the client sees the same text in fewer events, and the server encodes
  // and writes one frame instead of one per token.
  let deltaMessageId: string | null = null;
  let deltaText = '';
  // The answer's text-delta frame around the text, made once (see textDeltaFrameHead).
  let headMessageId: string | null = null;
  let head = '';
  const encodeDelta = (messageId: string, delta: string): string => {
    if (messageId !== headMessageId) {
      headMessageId = messageId;
      head = textDeltaFrameHead(messageId);
    }
    return encodeTextDelta(++seq, head, delta);
  };
  const encode = (event: ChatEvent): string =>
    event.type === 'text-delta' ? encodeDelta(event.messageId, event.delta) : encodeSseEvent(++seq, event);
  const flush = (): void => {
    flushQueued = false;
    writePending();
  };
  const takeDelta = (): void => {
    if (deltaMessageId === null) return;
    pending += encodeDelta(deltaMessageId, deltaText);
    deltaMessageId = null;
    deltaText = '';
  };
  const writePending = (): void => {
    takeDelta();
    if (pending === '' || cancelled || closed) return;
    const chunk = encoder.encode(pending);
    pending = '';
    controller.enqueue(chunk);
  };
  const firstOfTurn = (): boolean => {
    if (flushQueued) return false;
    // First event of this event-loop turn: written at once, so a token that arrives alone (the usual
    // case with a real model, and always the first token) waits for nothing. Events that follow it in
    // the same turn are coalesced and written together when the turn ends.
    flushQueued = true;
    scheduleFlush(flush);
    return true;
  };
  const push = (event: ChatEvent): void => {
    if (firstOfTurn()) {
      if (!cancelled && !closed) controller.enqueue(encoder.encode(encode(event)));
      return;
    }
    if (event.type === 'text-delta') {
      if (deltaMessageId !== event.messageId) {
        takeDelta();
        deltaMessageId = event.messageId;
      }
      deltaText += event.delta;
    } else {
      takeDelta();
      pending += encode(event);
    }
    // An engine that never yields to the event loop (everything already buffered) would otherwise delay
    // the write until its end; a size cap keeps writes bounded either way.
    if (pending.length + deltaText.length >= MAX_PENDING_CHARS) writePending();
  };
  const pushHeartbeat = (): void => {
    if (firstOfTurn()) {
      if (!cancelled && !closed) controller.enqueue(encoder.encode(SSE_HEARTBEAT));
      return;
    }
    takeDelta();
    pending += SSE_HEARTBEAT;
  };
  const resume = (): void => {
    const fn = resumePump;
    resumePump = null;
    fn?.();
  };

  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        if (!cancelled && (controller.desiredSize ?? 1) <= 0) {
          await new Promise<void>((resolve) => {
            resumePump = resolve;
          });
        }
        const result = await events.next();
        if (result.done) break;
        if (cancelled) continue;
        push(result.value);
        if (awaitingFirstToken && result.value.type === 'text-delta') {
          awaitingFirstToken = false;
          // Node corks an HTTP response until the microtasks drain, and a burst of buffered upstream
          // tokens is all microtasks: step out once so the first token reaches the socket now.
          await new Promise<void>((resolve) => scheduleFlush(resolve));
        }
      }
    } catch (error) {
      options.onError(error);
      if (!cancelled) push(toErrorEvent(error));
    } finally {
      clearInterval(heartbeat);
      if (!cancelled) {
        flush();
        closed = true;
        controller.close();
      }
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        // The first event goes out at once: it is what commits the response.
        controller.enqueue(encoder.encode(encodeSseEvent(++seq, options.first)));
        if (heartbeatMs > 0) heartbeat = setInterval(pushHeartbeat, heartbeatMs);
        void pump();
      },
      pull() {
        resume();
      },
      cancel(reason) {
        if (cancelled) return;
        cancelled = true;
        clearInterval(heartbeat);
        options.onCancel(reason);
        resume();
      },
    },
    { highWaterMark: HIGH_WATER_MARK },
  );
}
