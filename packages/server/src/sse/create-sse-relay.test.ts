import type { ChatEvent } from '@company-chat/core';
import { CompanyChatError } from '@company-chat/core';
import { describe, expect, it } from 'vitest';
import { createSseRelay } from './create-sse-relay.js';

const delta = (i: number): ChatEvent => ({ type: 'text-delta', messageId: 'm1', delta: `t${i} ` });
const start: ChatEvent = { type: 'message-start', userMessageId: 'u1', messageId: 'm1', model: 'default' };

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

function parseEvents(text: string) {
  return text
    .split('\n\n')
    .filter((block) => block.length > 0 && !block.startsWith(':'))
    .map((block) => {
      const fields = Object.fromEntries(
        block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      return { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data ?? 'null') };
    });
}

function relay(events: AsyncIterator<ChatEvent>, overrides: Partial<Parameters<typeof createSseRelay>[0]> = {}) {
  const errors: unknown[] = [];
  const cancels: unknown[] = [];
  const stream = createSseRelay({
    first: start,
    events,
    heartbeatMs: 0,
    onCancel: (reason) => cancels.push(reason),
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { stream, errors, cancels };
}

describe('createSseRelay', () => {
  it('relays every event in order with increasing ids and closes after the last', async () => {
    async function* gen() {
      for (let i = 0; i < 50; i++) {
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
        yield delta(i);
      }
    }
    const { stream } = relay(gen());
    const events = parseEvents((await readAll(stream)).join(''));
    // Deltas ready in the same turn share an event: fewer events than deltas, numbered without gaps.
    expect(events.length).toBeLessThan(51);
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(events[0]).toMatchObject({ event: 'message-start', data: start });
    expect(events.slice(1).every((e) => e.event === 'text-delta' && e.data.messageId === 'm1')).toBe(true);
    expect(
      events
        .slice(1)
        .map((e) => e.data.delta)
        .join(''),
    ).toBe(Array.from({ length: 50 }, (_, i) => `t${i} `).join(''));
  });

  it('coalesces events that are ready together into one write, their deltas into one event', async () => {
    async function* gen() {
      for (let i = 0; i < 100; i++) yield delta(i);
      yield {
        type: 'usage',
        messageId: 'm1',
        usage: { inputTokens: 1, outputTokens: 100, totalTokens: 101 },
      } as ChatEvent;
      yield delta(100);
    }
    const chunks = await readAll(relay(gen()).stream);
    // The start event and the first token go out at once (latency: the relay even steps out of the
    // burst so the first token reaches the socket); after that, the first event of a turn is written at
    // once and the rest of the ready events share one write, where consecutive deltas are one event.
    expect(chunks.map((c) => parseEvents(c).length)).toEqual([1, 1, 1, 3]);
    const last = parseEvents(chunks[3]!);
    expect(last.map((e) => e.event)).toEqual(['text-delta', 'usage', 'text-delta']);
    expect(last[0]!.data).toEqual({
      type: 'text-delta',
      messageId: 'm1',
      delta: Array.from({ length: 98 }, (_, i) => `t${i + 2} `).join(''),
    });
    expect(last[2]!.data.delta).toBe('t100 ');
  });

  it('writes events that arrive apart in separate writes, without waiting for the end', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* gen() {
      yield delta(1);
      await gate;
      yield delta(2);
    }
    const reader = relay(gen()).stream.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain('message-start');
    expect(decoder.decode((await reader.read()).value)).toContain('t1 ');
    release();
    expect(decoder.decode((await reader.read()).value)).toContain('t2 ');
    expect((await reader.read()).done).toBe(true);
  });

  it('turns an error thrown after the start into an error event, hiding unknown errors', async () => {
    async function* gen(): AsyncGenerator<ChatEvent> {
      yield delta(1);
      throw new Error('secret upstream https://internal.example with key sk-123');
    }
    const { stream, errors } = relay(gen());
    const text = (await readAll(stream)).join('');
    const events = parseEvents(text);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'internal' } } });
    expect(text).not.toContain('sk-123');
    expect(errors).toHaveLength(1);

    async function* gen2(): AsyncGenerator<ChatEvent> {
      yield delta(1);
      throw new CompanyChatError({ code: 'shutting_down', message: 'Server is shutting down.' });
    }
    const last = parseEvents((await readAll(relay(gen2()).stream)).join('')).at(-1);
    expect(last?.data.error).toEqual({ code: 'shutting_down', message: 'Server is shutting down.', retryable: false });
  });

  it('on cancel reports it and keeps draining the engine so it can finish storing', async () => {
    let finished = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* gen() {
      yield delta(1);
      await gate;
      yield { type: 'message-end', messageId: 'm1', status: 'aborted' } as ChatEvent;
      finished = true;
    }
    const { stream, cancels } = relay(gen());
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel('client gone');
    expect(cancels).toEqual(['client gone']);
    release();
    await expect.poll(() => finished).toBe(true);
  });

  it('sends heartbeat comments while the engine is quiet', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* gen() {
      await gate;
      yield delta(1);
    }
    const reader = relay(gen(), { heartbeatMs: 5 }).stream.getReader();
    const decoder = new TextDecoder();
    await reader.read();
    expect(decoder.decode((await reader.read()).value)).toBe(': ping\n\n');
    release();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value);
    }
    expect(parseEvents(rest)).toHaveLength(1);
  });

  it('stops pulling from the engine while the reader does not read (backpressure)', async () => {
    let produced = 0;
    async function* gen() {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        await new Promise((r) => setImmediate(r));
        yield delta(i);
      }
    }
    const { stream } = relay(gen());
    // Unread, the producer stalls: once `produced` has not moved for 50 turns of the event loop (it moves
    // on every turn while pulled), it is waiting for the reader.
    for (let still = 0, last = -1; still < 50; ) {
      await new Promise((r) => setImmediate(r));
      still = produced === last ? still + 1 : 0;
      last = produced;
    }
    expect(produced).toBeLessThan(100);
    const events = parseEvents((await readAll(stream)).join(''));
    expect(events).toHaveLength(10_001);
  });
});
