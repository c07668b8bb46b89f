import type { ChatStore } from '../conversations/chat-store.js';
import type { Logger } from './logger.js';

/**
 * Every `intervalMs`, marks answers whose owner (this instance or another) stopped renewing their lease
 * `interrupted` and frees their conversations, without waiting for a restart. One sweep at a time;
 * failures (the store is down) are logged and the next tick tries again. Returns the function that stops it.
 */
export function sweepAbandonedAnswers(store: ChatStore, intervalMs: number, logger: Logger): () => void {
  if (intervalMs <= 0) return () => {};
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    store
      .recoverAbandoned()
      .then(
        (count) => {
          if (count > 0) logger.warn('marked answers whose owner stopped as interrupted', { count });
        },
        (error: unknown) => logger.warn('the sweep of abandoned answers failed', { error: String(error) }),
      )
      .finally(() => {
        sweeping = false;
      });
  }, intervalMs);
  // The sweep alone must not keep a process alive.
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
