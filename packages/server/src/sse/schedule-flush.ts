/**
 * Runs `fn` once the event loop has handled the I/O that is ready now. On Node and Bun this is
 * `setImmediate` (the check phase after poll), so every event produced by one upstream chunk, through
 * however many microtask hops, lands in one write. Elsewhere a zero timeout does the same job.
 */
export const scheduleFlush: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (fn) => {
        globalThis.setImmediate(fn);
      }
    : (fn) => {
        setTimeout(fn, 0);
      };
