import type { ChatModelStreamPart } from '../providers/chat-model.js';

/**
 * A model stream started ahead of its consumer: the provider request goes out at once (its first part
 * is asked for immediately), while the engine stores the user's message and the answer row. Nothing it
 * produces is seen before {@link EarlyModelStream.parts} is iterated, which the engine does only once
 * both rows exist, so no text is shown for an answer that is not stored. {@link EarlyModelStream.cancel}
 * closes the request when storing fails (the stream is then never read).
 */
export class EarlyModelStream {
  private readonly iterator: AsyncIterator<ChatModelStreamPart>;
  private first: Promise<IteratorResult<ChatModelStreamPart>> | undefined;

  /** `stream`: the model call (e.g. `model.doStream(request, options)`), asked for its first part at once. */
  constructor(stream: AsyncIterable<ChatModelStreamPart>) {
    this.iterator = stream[Symbol.asyncIterator]();
    const first = this.iterator.next();
    // Read later (or never, when storing fails): a provider failure must not surface as unhandled meanwhile.
    first.catch(() => {});
    this.first = first;
  }

  /**
   * The parts, the one already asked for first. Iterate at most once. The model's own iterator is handed
   * on (no generator in between: one promise hop less per token); leaving the loop early closes it.
   */
  parts(): AsyncIterable<ChatModelStreamPart> {
    const iterator = this.iterator;
    let first = this.first;
    this.first = undefined;
    const next = (): Promise<IteratorResult<ChatModelStreamPart>> => {
      if (!first) return iterator.next();
      const held = first;
      first = undefined;
      return held;
    };
    const close = async (): Promise<IteratorResult<ChatModelStreamPart>> => {
      first = undefined;
      return (await iterator.return?.()) ?? { done: true, value: undefined };
    };
    return { [Symbol.asyncIterator]: () => ({ next, return: close }) };
  }

  /**
   * Gives up on a stream that will not be read: the caller has aborted the call's signal, which ends the
   * request; the provider's pending first part settles on its own.
   */
  cancel(): void {
    if (!this.first) return;
    const first = this.first;
    this.first = undefined;
    // Close the generator once its first step settles (a running generator cannot be returned).
    void first.then(
      () => this.iterator.return?.(),
      () => {},
    );
  }
}
