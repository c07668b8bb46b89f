import type { ChatEvent } from '@company-chat/core';

/**
 * One SSE event: `id:` the sequence number, `event:` the ChatEvent type, `data:` the event as JSON.
 * JSON.stringify escapes line breaks, so `data:` is always a single line.
 */
export function encodeSseEvent(id: number, event: ChatEvent): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** An SSE comment line; proxies and clients ignore it, but it keeps idle connections open. */
export const SSE_HEARTBEAT = ': ping\n\n';
