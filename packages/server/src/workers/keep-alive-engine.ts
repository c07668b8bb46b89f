import type { ChatEvent, CompletionEvent } from '@company-chat/core';
import type { ChatEnginePort } from '../app/chat-engine-port.js';

/** A chat engine whose streams register themselves until they end, and the registry. */
export interface KeptAliveEngine {
  engine: ChatEnginePort;
  /** The streams still running (each promise settles when its stream ended). */
  running: Set<Promise<void>>;
}

/**
 * Wraps an engine so each stream it starts is tracked until it ends. On Workers a client that goes away
 * cancels the response, but the engine still has to drain the aborted stream to store the partial
 * answer: the adapter hands these promises to `ctx.waitUntil()` so the isolate is not torn down first.
 */
export function keepAliveEngine(engine: ChatEnginePort): KeptAliveEngine {
  const running = new Set<Promise<void>>();
  async function* tracked<E extends ChatEvent | CompletionEvent>(events: AsyncGenerator<E, void, undefined>) {
    let done!: () => void;
    const ended = new Promise<void>((resolve) => {
      done = resolve;
    });
    running.add(ended);
    try {
      // yield* forwards return() and throw() to the engine's own generator.
      yield* events;
    } finally {
      running.delete(ended);
      done();
    }
  }
  return {
    running,
    engine: {
      send: (input) => tracked(engine.send(input)),
      regenerate: (input) => tracked(engine.regenerate(input)),
      edit: (input) => tracked(engine.edit(input)),
      ...(engine.complete ? { complete: (input) => tracked(engine.complete!(input)) } : {}),
      listModels: () => engine.listModels(),
      conversations: engine.conversations,
      shutdown: () => engine.shutdown(),
      ...(engine.store ? { store: engine.store } : {}),
    },
  };
}
