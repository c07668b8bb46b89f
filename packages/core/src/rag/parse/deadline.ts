import { parseError } from './parse-errors.js';

/**
 * A time budget for one parse. Parsers call `check()` between pages or batches (JavaScript cannot
 * preempt synchronous code, so long steps are split), and `race()` bounds a single async step.
 */
export interface Deadline {
  check(): void;
  race<T>(work: Promise<T>): Promise<T>;
}

/** Starts a deadline `ms` from now; expiry raises 422 `parse_timeout`. */
export function startDeadline(ms: number): Deadline {
  const end = Date.now() + ms;
  const expired = () => parseError('parse_timeout', `Reading the file took longer than ${Math.round(ms / 1000)} s.`);
  return {
    check() {
      if (Date.now() > end) throw expired();
    },
    race<T>(work: Promise<T>): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(expired()), Math.max(0, end - Date.now()));
      });
      // The losing promise is left to settle on its own; its result is ignored.
      work.catch(() => {});
      return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
