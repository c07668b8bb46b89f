import { describe, expect, it } from 'vitest';
import { SseBatchReader } from './sse-batch-reader.js';

function body(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function readAll(reader: SseBatchReader): Promise<Array<Array<{ event?: string; data: string }>>> {
  const batches = [];
  for (let batch = await reader.read(); batch !== null; batch = await reader.read()) {
    batches.push(batch.map(({ event, data }) => (event ? { event, data } : { data })));
  }
  return batches;
}

describe('SseBatchReader', () => {
  it('returns the events completed by each chunk as one batch, skipping chunks that complete none', async () => {
    const reader = new SseBatchReader(body(['data: a\n\ndata: b\n\nda', 'ta: c', '\n\nevent: x\ndata: d\n\n']));
    expect(await readAll(reader)).toEqual([
      [{ data: 'a' }, { data: 'b' }],
      [{ data: 'c' }, { event: 'x', data: 'd' }],
    ]);
  });

  it('decodes a character split across chunks, CRLF lines and a leading BOM', async () => {
    const bytes = new TextEncoder().encode('\uFEFFdata: h\u00e9\u20ac\r\n\r\n');
    const reader = new SseBatchReader(body([bytes.slice(0, 11), bytes.slice(11, 13), bytes.slice(13)]));
    expect(await readAll(reader)).toEqual([[{ data: 'h\u00e9\u20ac' }]]);
  });

  it('keeps a U+FEFF that starts a later chunk, and discards an event cut before its blank line', async () => {
    const reader = new SseBatchReader(body(['data: a', '\uFEFFb\n\n', 'data: cut']));
    expect(await readAll(reader)).toEqual([[{ data: 'a\uFEFFb' }]]);
  });

  it('cancel() cancels the body when it was not read to its end', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const reader = new SseBatchReader(stream);
    expect(await reader.read()).toEqual([expect.objectContaining({ data: 'x' })]);
    reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });
});
