import { parseError } from './parse-errors.js';

/**
 * A time budget for one parse. Parsers call `check()` between pages or batches (JavaScript cannot
 * preempt synchronous code, so long steps are split), and `race()` bounds a single async step.
 */
export interface Deadline {
  check(): void;
  race<T>(work: Promise<T>): Promise<T>;
}

/**
 * A clock for a {@link Deadline}: wall-clock time in process, the parsing thread's CPU time in a
 * worker (so the result does not depend on how busy the machine is).
 */
export interface BudgetClock {
  /** Milliseconds on this clock. */
  now(): number;
  /** How the budget is named in the error, e.g. `of processing time`. */
  label: string;
  /** Milliseconds of wall-clock time between two looks at the clock while an async step runs. */
  pollMs?: number;
}

/** Wall-clock time, the default in process. */
export const wallClock: BudgetClock = { now: () => Date.now(), label: '' };

/** The 422 `parse_timeout` error of a budget of `ms` on `clock`. */
export function budgetExceeded(ms: number, clock: Pick<BudgetClock, 'label'>) {
  const budget = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  return parseError(
    'parse_timeout',
    `Reading the file took longer than ${budget}${clock.label ? ` ${clock.label}` : ''}.`,
  );
}

/** Starts a deadline `ms` from now on `clock`; expiry raises 422 `parse_timeout`. */
export function startDeadline(ms: number, clock: BudgetClock = wallClock): Deadline {
  const end = clock.now() + ms;
  const expired = () => budgetExceeded(ms, clock);
  const check = () => {
    if (clock.now() > end) throw expired();
  };
  return {
    check,
    race<T>(work: Promise<T>): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        const look = () => {
          const left = end - clock.now();
          if (left < 0) reject(expired());
          // A CPU clock runs slower than the wall: look again rather than trusting one timer.
          else timer = setTimeout(look, clock.pollMs === undefined ? left + 1 : Math.min(left + 1, clock.pollMs));
        };
        look();
      });
      // The losing promise is left to settle on its own; its result is ignored.
      work.catch(() => {});
      return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
