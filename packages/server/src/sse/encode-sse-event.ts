import type { ChatEvent } from '@company-chat/core';

/**
 * One SSE event: `id:` the sequence number, `event:` the ChatEvent type, `data:` the event as JSON.
 * JSON.stringify escapes line breaks, so `data:` is always a single line.
 */
export function encodeSseEvent(id: number, event: ChatEvent): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * What precedes the text of every `text-delta` frame of one answer (after its `id:`): made once per
 * answer, so a token costs the serialisation of its text only. Frames come out as {@link encodeSseEvent}
 * makes them (same JSON, keys in the same order).
 */
export function textDeltaFrameHead(messageId: string): string {
  return `\nevent: text-delta\ndata: {"type":"text-delta","messageId":${JSON.stringify(messageId)},"delta":`;
}

/** A `text-delta` frame from its {@link textDeltaFrameHead} and its text. */
export function encodeTextDelta(id: number, head: string, delta: string): string {
  return `id: ${id}${head}${JSON.stringify(delta)}}\n\n`;
}

/** An SSE comment line; proxies and clients ignore it, but it keeps idle connections open. */
export const SSE_HEARTBEAT = ': ping\n\n';
