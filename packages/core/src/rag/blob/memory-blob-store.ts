import { type BlobStore, blobBytes, checkBlobKey, streamOf } from './blob-store.js';

/**
 * A {@link BlobStore} in process memory, for tests, demos and the in-memory knowledge base; everything
 * is gone on restart.
 *
 * @example
 * ```ts
 * const kb = createKnowledgeBase({ store: createMemoryKnowledgeStore(), blobs: createMemoryBlobStore() });
 * ```
 */
export function createMemoryBlobStore(): BlobStore {
  const objects = new Map<string, { bytes: Uint8Array; contentType?: string }>();
  return {
    async put(key, body, options = {}) {
      checkBlobKey(key);
      // A copy: the caller may reuse its buffer.
      const bytes = (await blobBytes(body)).slice();
      objects.set(key, options.contentType === undefined ? { bytes } : { bytes, contentType: options.contentType });
    },
    async get(key) {
      checkBlobKey(key);
      const object = objects.get(key);
      if (!object) return null;
      const blob = { body: streamOf(object.bytes), size: object.bytes.byteLength };
      return object.contentType === undefined ? blob : { ...blob, contentType: object.contentType };
    },
    async delete(key) {
      checkBlobKey(key);
      objects.delete(key);
    },
  };
}
