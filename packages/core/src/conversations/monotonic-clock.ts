/**
 * Returns a clock whose every reading is at least 1 ms after the previous one, so two writes in the same
 * millisecond still order (messages by creation, conversations by activity) and the millisecond-precision
 * cursors of listings never tie within one process.
 */
export function monotonicClock(): () => Date {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last);
  };
}
