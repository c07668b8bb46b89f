import type { ChatEvent } from '@company-chat/core';
import { describe, expect, it } from 'vitest';
import { encodeSseEvent, encodeTextDelta, textDeltaFrameHead } from './encode-sse-event.js';

describe('encodeTextDelta', () => {
  it('makes the frame encodeSseEvent makes, from the head made once per answer', () => {
    const head = textDeltaFrameHead('m"1\u2028');
    for (const delta of ['plain', ' line\nbreak "quoted" \\ back', '\u0000\u2029 é 😀', '']) {
      const event: ChatEvent = { type: 'text-delta', messageId: 'm"1\u2028', delta };
      expect(encodeTextDelta(7, head, delta)).toBe(encodeSseEvent(7, event));
    }
  });
});
