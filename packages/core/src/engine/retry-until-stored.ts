/** Options of {@link retryUntilStored}. */
export interface RetryUntilStoredOptions {
  /** First wait after a failure, in ms; doubles after each failure. */
  initialMs: number;
  /** Longest wait between two attempts, in ms. */
  maxMs: number;
  /** When aborted (engine shutdown), one last attempt is made and its failure is thrown. */
  signal: AbortSignal;
  /** Told about each failure that will be retried (for logs). */
  onRetry: (error: unknown, attempt: number, waitMs: number) => void;
}

/**
 * Runs a store write until it succeeds: a database that is away for a few seconds must not lose an
 * answer the user already saw, nor leave its conversation locked. Waits grow from `initialMs` to
 * `maxMs`; after the signal aborts, the next failure is final.
 */
export async function retryUntilStored<T>(write: () => Promise<T>, options: RetryUntilStoredOptions): Promise<T> {
  let waitMs = options.initialMs;
  for (let attempt = 1; ; attempt++) {
    const lastChance = options.signal.aborted;
    try {
      return await write();
    } catch (error) {
      if (lastChance) throw error;
      options.onRetry(error, attempt, waitMs);
      await pause(waitMs, options.signal);
      waitMs = Math.min(options.maxMs, waitMs * 2);
    }
  }
}

/** Waits `ms`, or less when the signal aborts (so shutdown does not wait out a long back-off). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
