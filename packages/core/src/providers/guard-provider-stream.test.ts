import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors/provider-error.js';
import { StreamGuard } from './guard-provider-stream.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function guard(options: { firstTokenTimeoutMs?: number; idleTimeoutMs?: number; signal?: AbortSignal } = {}) {
  return new StreamGuard({
    provider: 'test',
    vendor: 'Test',
    mapError: (error) => new ProviderError({ code: 'upstream', provider: 'test', message: String(error) }),
    ...options,
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
}

describe('StreamGuard', () => {
  it('does not count time the consumer holds a part as upstream silence, and times out when waiting', async () => {
    const g = guard({ idleTimeoutMs: 40 });
    try {
      g.started();
      g.wait();
      g.ready();
      await sleep(150); // The consumer is slow: the timer fires and re-arms, but nothing times out.
      expect(g.stopped).toBe(false);
      expect(g.signal.aborted).toBe(false);
      g.wait();
      await until(() => g.stopped);
      expect(g.signal.aborted).toBe(true);
      const error = g.fail(new Error('body read aborted'));
      expect(ProviderError.isInstance(error) && error.code).toBe('timeout');
      expect(String((error as Error).message)).toMatch(/stopped sending for 40 ms/);
    } finally {
      g.dispose();
    }
  });

  it('counts the first-token deadline from the start, whatever the waits', async () => {
    const g = guard({ firstTokenTimeoutMs: 40 });
    try {
      g.ready();
      await until(() => g.stopped);
      expect((g.fail(undefined) as Error).message).toMatch(/no answer within 40 ms/);
    } finally {
      g.dispose();
    }
  });

  it("follows the caller's signal, and throws its reason when already aborted", () => {
    const outer = new AbortController();
    const g = guard({ signal: outer.signal });
    outer.abort(new Error('client left'));
    expect(g.signal.aborted).toBe(true);
    expect(g.stopped).toBe(true);
    expect((g.fail(new Error('whatever')) as Error).message).toBe('client left');
    g.dispose();
    expect(() => guard({ signal: outer.signal })).toThrow('client left');
  });
});
