import { describe, expect, it } from 'vitest';
import { readSseEvents } from './read-sse-events.js';

const sse = (delta: string, id: number) =>
  `id: ${id}\nevent: text-delta\ndata: ${JSON.stringify({ type: 'text-delta', messageId: 'a1', delta })}\n\n`;

const bodyOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('readSseEvents', () => {
  it('relays a backlog arriving as one huge chunk in order, yielding to other tasks in between', async () => {
    const deltas = Array.from({ length: 5000 }, (_, i) => `t${i} `);
    const body = bodyOf(deltas.map((d, i) => sse(d, i + 1)).join(''));
    let seenWhenTimerRan = -1;
    const seen: string[] = [];
    // A task queued before reading starts runs while the backlog is still being relayed.
    setTimeout(() => {
      seenWhenTimerRan = seen.length;
    }, 0);
    for await (const event of readSseEvents(body)) if (event.type === 'text-delta') seen.push(event.delta);
    expect(seen).toEqual(deltas);
    expect(seenWhenTimerRan).toBeGreaterThan(0);
    expect(seenWhenTimerRan).toBeLessThan(deltas.length);
  });

  it('parses an event split across chunks and skips unknown event types', async () => {
    const whole = `${sse('a', 1)}data: {"type":"future-thing"}\n\n${sse('b', 2)}`;
    const events = [];
    for await (const event of readSseEvents(bodyOf(whole.slice(0, 17), whole.slice(17, 60), whole.slice(60)))) {
      events.push(event);
    }
    expect(events.map((e) => (e.type === 'text-delta' ? e.delta : e.type))).toEqual(['a', 'b']);
  });
});
