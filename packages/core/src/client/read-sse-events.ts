import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ChatEvent } from '../engine/chat-events.js';

/** Characters of SSE text parsed and relayed in one go (about a hundred text-delta events). */
const SLICE_CHARS = 16_384;

/**
 * Reads the server's SSE body as ChatEvents. Each SSE `data:` is one ChatEvent as JSON; events of
 * unknown types are skipped so a newer server can add events without breaking older clients.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ChatEvent> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(message) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A backlog (a fast model, a stall) can arrive as one chunk of megabytes: it is parsed and relayed
      // in slices with a macrotask between them, so a page's main thread is never blocked for all of it.
      for (let at = 0; at < text.length || at === 0; at += SLICE_CHARS) {
        if (at > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        parser.feed(text.length > SLICE_CHARS ? text.slice(at, at + SLICE_CHARS) : text);
        while (queue.length > 0) {
          const event = parseEvent(queue.shift()!);
          if (event) yield event;
        }
      }
      if (done) return;
    }
  } finally {
    // Cancelling releases the connection when the consumer stops early (break, abort).
    reader.cancel().catch(() => {});
  }
}

const knownTypes = new Set([
  'conversation',
  'message-start',
  'text-delta',
  'citation',
  'usage',
  'message-end',
  'error',
]);

function parseEvent(message: EventSourceMessage): ChatEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' && knownTypes.has(type) ? (data as ChatEvent) : undefined;
}
