/**
 * When something resets, in the reader's locale and time zone: the time alone when it is today
 * (`14:00`), with the day when it is later (`2 Jan, 09:30`).
 */
export function resetTime(at: Date, now: Date = new Date()): string {
  return at.toDateString() === now.toDateString()
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
