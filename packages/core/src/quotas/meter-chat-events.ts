import type { ChatEvent } from '../engine/chat-events.js';
import type { TokenUsage } from '../providers/chat-model.js';
import type { Admission } from './quota-guard.js';

/**
 * Passes the engine's events through and finishes the {@link Admission} when the stream ends: after
 * `message-end`, after an error (also one thrown before the first event), or when the client goes away
 * and the consumer stops iterating. Usage comes from the `usage`/`message-end` events, else from the
 * streamed text.
 *
 * @example
 * ```ts
 * const events = meterChatEvents(engine.send({ owner, content, signal }), admission);
 * ```
 */
export async function* meterChatEvents(
  events: AsyncIterable<ChatEvent>,
  admission: Admission,
): AsyncGenerator<ChatEvent> {
  let usage: TokenUsage | null = null;
  let outputChars = 0;
  try {
    for await (const event of events) {
      if (event.type === 'text-delta') outputChars += event.delta.length;
      else if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'message-end' && event.usage) usage = event.usage;
      yield event;
    }
  } finally {
    await admission.finish({ usage, outputChars });
  }
}
