/** Runs at most `max` tasks at a time; the others wait in arrival order. */
export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A counting semaphore. Parsing and chunking are CPU work on the event loop: bounding how many files
 * are ingested at once keeps memory bounded and leaves the loop free to serve other requests.
 */
export function concurrencyLimit(max: number): ConcurrencyLimit {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(task) {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}

/** Lets queued I/O and timers run between CPU-heavy steps. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
