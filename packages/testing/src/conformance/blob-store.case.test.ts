import type { BlobStore } from '@company-chat/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** What a conformance run needs: a fresh, empty store and how to release it. */
export type BlobStoreFactory = () => Promise<{ blobs: BlobStore; cleanup?: () => Promise<void> }>;

async function read(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; parts: number }> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes, parts: parts.length };
}

/** Deterministic bytes covering every byte value (so nothing is treated as text). */
function sample(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

function streamIn(bytes: Uint8Array, pieces: number): ReadableStream<Uint8Array> {
  const size = Math.ceil(bytes.byteLength / pieces);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/**
 * The conformance suite every {@link BlobStore} passes: bytes come back exactly (binary, empty, large,
 * from a stream), with their media type and size; put replaces; delete is idempotent; a missing key
 * is `null`; keys that could escape a prefix are refused.
 */
export function runBlobStoreConformance(name: string, factory: BlobStoreFactory): void {
  describe(`BlobStore conformance: ${name}`, () => {
    let blobs: BlobStore;
    let cleanup: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ blobs, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup?.();
    });

    it('returns the bytes, size and media type that were put', async () => {
      const bytes = sample(1000);
      await blobs.put('files/acme/1/abc', bytes, { contentType: 'application/pdf' });
      const blob = await blobs.get('files/acme/1/abc');
      expect(blob).toMatchObject({ size: 1000, contentType: 'application/pdf' });
      expect((await read(blob!.body)).bytes).toEqual(bytes);
    });

    it('reads a large object as a stream of several parts, written from a stream', async () => {
      const bytes = sample(3 * 1024 * 1024 + 17, 7);
      await blobs.put('big.bin', streamIn(bytes, 5));
      const blob = await blobs.get('big.bin');
      expect(blob?.size).toBe(bytes.byteLength);
      const { bytes: back, parts } = await read(blob!.body);
      expect(back.byteLength).toBe(bytes.byteLength);
      expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
      expect(parts).toBeGreaterThan(1);
    });

    it('keeps an empty object and tells it from a missing one', async () => {
      await blobs.put('empty', new Uint8Array(0));
      const blob = await blobs.get('empty');
      expect(blob?.size).toBe(0);
      expect((await read(blob!.body)).bytes.byteLength).toBe(0);
      expect(await blobs.get('missing')).toBeNull();
    });

    it('replaces an object put again under the same key', async () => {
      await blobs.put('k', sample(10, 1), { contentType: 'text/plain' });
      await blobs.put('k', sample(20, 2), { contentType: 'text/csv' });
      const blob = await blobs.get('k');
      expect(blob).toMatchObject({ size: 20, contentType: 'text/csv' });
      expect((await read(blob!.body)).bytes).toEqual(sample(20, 2));
    });

    it('deletes an object, and deleting a missing one is no error', async () => {
      await blobs.put('a/b', sample(5));
      await blobs.put('a/c', sample(6));
      await blobs.delete('a/b');
      expect(await blobs.get('a/b')).toBeNull();
      expect((await blobs.get('a/c'))?.size).toBe(6);
      await blobs.delete('a/b');
      await blobs.delete('never-there');
    });

    it('refuses keys that could name something else', async () => {
      for (const key of ['', '../x', 'a/../b', '/abs', 'a//b', 'a b', 'a?b', 'a\\b', 'x'.repeat(600)]) {
        await expect(blobs.put(key, sample(1)), key).rejects.toThrow(TypeError);
        await expect(blobs.get(key), key).rejects.toThrow(TypeError);
      }
    });
  });
}
