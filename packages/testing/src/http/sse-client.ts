/** One parsed SSE event. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON that tests assert on freely.
  data: any;
}

/** Parses an SSE body (as our server writes it) into events; comment lines are skipped. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ id, event, data: JSON.parse(data.join('\n')) });
  }
  return events;
}

/** The answer text of a parsed chat stream. */
export function answerText(events: SseEvent[]): string {
  return events
    .filter((e) => e.event === 'text-delta')
    .map((e) => e.data.delta)
    .join('');
}
