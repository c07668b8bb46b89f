import type { ChatStore } from '../conversations/chat-store.js';
import { newId } from '../conversations/new-id.js';
import type { MessagePatch, Owner } from '../conversations/types.js';
import type { Instrumentation } from '../telemetry/instrumentation.js';
import type { Logger } from './logger.js';
import { retryUntilStored } from './retry-until-stored.js';

/** Options of {@link AnswerLease}. */
export interface AnswerLeaseOptions {
  store: ChatStore;
  owner: Owner;
  conversationId: string;
  /** Lifetime of the lock without renewal; renewed every third of it. */
  ttlMs: number;
  /** Back-off of writes retried through a store outage. */
  retry: { initialMs: number; maxMs: number };
  /** Engine shutdown: retries make one last attempt and give up. */
  shutdownSignal: AbortSignal;
  logger: Logger;
  requestId: string | undefined;
  /** Told of each failed store write (`store-error`), for metrics. */
  instrumentation?: Instrumentation;
}

/**
 * The conversation lock an answer holds while it is written (its lease). It is renewed while the answer
 * streams, so any instance's sweep can tell a live answer from an abandoned one, and released only after
 * the answer is stored. Through a store outage the final write and the release are retried in the
 * background while the stream ends normally: the client never waits for the database to come back.
 */
export class AnswerLease {
  private readonly token = newId();
  private taken = false;
  private renewTimer: ReturnType<typeof setInterval> | undefined;
  private renewing: Promise<unknown> = Promise.resolve();
  private pendingFinal: Promise<void> | undefined;

  constructor(private readonly options: AnswerLeaseOptions) {}

  /** Takes the lock: true when taken, false when another answer holds it, null when not the owner's. */
  async take(): Promise<boolean | null> {
    const { store, owner, conversationId, ttlMs } = this.options;
    const taken = await store.lockConversation(owner, conversationId, this.token, ttlMs);
    if (taken !== true) return taken;
    this.taken = true;
    this.renewTimer = setInterval(() => {
      this.renewing = store.lockConversation(owner, conversationId, this.token, ttlMs).catch(() => {});
    }, ttlMs / 3);
    (this.renewTimer as { unref?: () => void }).unref?.();
    return true;
  }

  /** True while the answer's final write is being retried. */
  get savePending(): boolean {
    return this.pendingFinal !== undefined;
  }

  /**
   * Writes the finished answer: true when stored now; false when the store failed, in which case the
   * answer is kept here and the write retried until it lands (the lease is held until then). Never throws.
   */
  async saveFinal(messageId: string, patch: MessagePatch): Promise<boolean> {
    const { store, owner, logger, requestId } = this.options;
    try {
      await store.updateMessage(owner, messageId, patch);
      return true;
    } catch (error) {
      // The client already has the text: keep it and write it as soon as the store is back.
      this.options.instrumentation?.record({ type: 'store-error', operation: 'answer-write' });
      logger.warn('could not save the answer; retrying in the background', {
        requestId,
        messageId,
        error: String(error),
      });
      this.pendingFinal = retryUntilStored(
        () => store.updateMessage(owner, messageId, patch),
        this.retryOptions('saving the answer', { messageId }),
      ).then(
        () => logger.info('answer saved after retrying', { requestId, messageId }),
        (e: unknown) =>
          logger.error('gave up saving the answer at shutdown; it will be marked interrupted', {
            requestId,
            messageId,
            error: String(e),
          }),
      );
      return false;
    }
  }

  /**
   * Releases the lease once the answer is stored, then calls `onReleased`. Resolves as soon as that is
   * done, or at once when the store is failing (the release then goes on in the background).
   */
  async release(onReleased: () => void): Promise<void> {
    let firstAttempt!: (ok: boolean) => void;
    const attempted = new Promise<boolean>((resolve) => {
      firstAttempt = resolve;
    });
    const released = this.releaseForGood(firstAttempt)
      .catch((e: unknown) =>
        this.options.logger.error('could not release the conversation lock', {
          requestId: this.options.requestId,
          conversationId: this.options.conversationId,
          error: String(e),
        }),
      )
      .finally(onReleased);
    if (this.pendingFinal) return;
    if (await attempted) await released;
  }

  private async releaseForGood(firstAttempt: (ok: boolean) => void): Promise<void> {
    const { store, owner, conversationId } = this.options;
    await this.pendingFinal;
    clearInterval(this.renewTimer);
    // A renewal still in flight could take the lock again after the unlock.
    await this.renewing;
    if (!this.taken) return firstAttempt(true);
    const unlock = () => store.unlockConversation(owner, conversationId, this.token);
    try {
      await unlock();
      firstAttempt(true);
    } catch {
      firstAttempt(false);
      await retryUntilStored(unlock, this.retryOptions('releasing the conversation lock', { conversationId }));
    }
  }

  private retryOptions(what: string, details: Record<string, unknown>) {
    const { logger, requestId } = this.options;
    return {
      ...this.options.retry,
      signal: this.options.shutdownSignal,
      onRetry: (error: unknown, attempt: number, waitMs: number) => {
        this.options.instrumentation?.record({ type: 'store-error', operation: 'answer-write' });
        logger.warn(`${what} failed; retrying`, { requestId, ...details, attempt, waitMs, error: String(error) });
      },
    };
  }
}
