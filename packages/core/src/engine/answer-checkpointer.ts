import type { ChatStore } from '../conversations/chat-store.js';
import type { MessagePatch, Owner } from '../conversations/types.js';

/** When to write the streaming answer to the store. */
export interface CheckpointPolicy {
  /** Write at least this often while text arrives. Default 500 ms. */
  intervalMs: number;
  /** ...or after this many deltas, whichever comes first. Default 64. */
  everyDeltas: number;
}

/** Default: a crash loses at most 500 ms or 64 tokens of an answer. */
export const defaultCheckpointPolicy: CheckpointPolicy = { intervalMs: 500, everyDeltas: 64 };

/**
 * Saves a streaming answer's text now and then, so a crash loses at most one interval of it.
 * Writes never block the token path: at most one write is in flight, and text that arrives meanwhile
 * is written by the next one. `settle()` waits for the last write before the answer is finalised,
 * so a late checkpoint can never overwrite the final row.
 */
export class AnswerCheckpointer {
  private pendingDeltas = 0;
  private lastWrite = 0;
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly store: ChatStore,
    private readonly owner: Owner,
    private readonly messageId: string,
    private readonly policy: CheckpointPolicy,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.lastWrite = this.now();
  }

  /** Called after each delta with the answer so far (its text, and the citations it marked). */
  onDelta(answer: () => MessagePatch): void {
    this.pendingDeltas++;
    if (this.inFlight) return;
    if (this.pendingDeltas < this.policy.everyDeltas && this.now() - this.lastWrite < this.policy.intervalMs) return;
    this.pendingDeltas = 0;
    this.lastWrite = this.now();
    this.inFlight = this.store
      .updateMessage(this.owner, this.messageId, answer())
      .then(
        () => undefined,
        (error: unknown) => {
          // A failed checkpoint is not fatal for the stream; the final write reports store failures.
          this.failure = error;
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
  }

  /** Waits for any in-flight write. */
  async settle(): Promise<void> {
    await this.inFlight;
  }

  /** The last checkpoint error, if any (for logs). */
  get lastError(): unknown {
    return this.failure;
  }
}
