import type { ChatModel, ChatModelStreamPart } from '@company-chat/core';

/** A model of our own spec whose answer advances only when the test says so. */
export interface GatedChatModel extends ChatModel {
  /** Streams `text` as the next delta of the current answer. */
  send(text: string): void;
  /** Ends the current answer normally. */
  end(): void;
  /** How many answers were requested. */
  readonly calls: number;
}

/**
 * Lets an outage test cut the database at an exact point of an answer (after some text, just before the
 * end) instead of guessing with timers. Implements the provider spec directly; no SDK is involved.
 */
export function gatedChatModel(): GatedChatModel {
  const queue: Array<string | null> = [];
  let wake: (() => void) | undefined;
  let calls = 0;
  const push = (item: string | null) => {
    queue.push(item);
    wake?.();
  };
  return {
    specificationVersion: 'v1',
    provider: 'gated',
    modelId: 'gated-1',
    contextWindow: 100_000,
    get calls() {
      return calls;
    },
    send: (text) => push(text),
    end: () => push(null),
    async *doStream(_request, options): AsyncGenerator<ChatModelStreamPart> {
      calls++;
      const signal = options?.signal;
      yield { type: 'response-metadata', modelId: 'gated-1' };
      for (;;) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            signal?.addEventListener('abort', () => resolve(), { once: true });
          });
          wake = undefined;
        }
        if (signal?.aborted) throw signal.reason;
        const next = queue.shift();
        if (next === undefined) continue;
        if (next === null) break;
        yield { type: 'text-delta', text: next };
      }
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}
