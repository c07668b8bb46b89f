import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ChatEvent } from '../engine/chat-events.js';
import type { ErrorCode } from '../errors/company-chat-error.js';
import { chatEventSchema } from './chat-event-schemas.js';
import type { errorCodeSchema } from './error-schemas.js';

type WireEvent = z.output<typeof chatEventSchema>;

describe('chatEventSchema', () => {
  it('describes exactly the events the engine yields (checked by the compiler both ways)', () => {
    expectTypeOf<ChatEvent>().toExtend<WireEvent>();
    expectTypeOf<WireEvent>().toExtend<ChatEvent>();
    expectTypeOf<z.output<typeof errorCodeSchema>>().toEqualTypeOf<ErrorCode>();
  });

  it('accepts an event as the server sends it and rejects one with a wrong type', () => {
    const end = {
      type: 'message-end',
      messageId: 'm1',
      status: 'complete',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      timeToFirstTokenMs: 12,
      durationMs: 40,
    };
    expect(chatEventSchema.parse(end)).toEqual(end);
    expect(chatEventSchema.safeParse({ ...end, status: 'streaming' }).success).toBe(false);
    expect(chatEventSchema.safeParse({ type: 'text-deltas', messageId: 'm1', delta: 'x' }).success).toBe(false);
  });
});
