/** A stored object as {@link BlobStore.get} returns it: its bytes as a stream, read as they are sent. */
export interface StoredBlob {
  body: ReadableStream<Uint8Array>;
  /** Length in bytes. */
  size: number;
  /** The media type given to `put`, if any. */
  contentType?: string;
}

/** Options of {@link BlobStore.put}. */
export interface PutBlobOptions {
  contentType?: string;
}

/**
 * Where the original bytes of uploaded files are kept, by key, for download and for showing a passage
 * in its source. Implementations: the database (`createSqlBlobStore`, the default with a SQL store),
 * memory, and S3-compatible object storage (`@company-chat/core/s3`). Each passes one conformance
 * suite. Keys are plain strings of `[A-Za-z0-9._/-]`; the knowledge base makes them from the tenant,
 * the file id and the content hash, so the bytes under a key never change once written.
 */
export interface BlobStore {
  /** Stores `body` under `key`, replacing what was there. */
  put(key: string, body: Uint8Array | ReadableStream<Uint8Array>, options?: PutBlobOptions): Promise<void>;
  /** The object under `key`, or `null` when there is none. */
  get(key: string): Promise<StoredBlob | null>;
  /** Removes the object under `key`; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9._-][A-Za-z0-9._/-]{0,511}$/;

/** Throws unless `key` is a valid blob key (see {@link BlobStore}); keys never come from requests. */
export function checkBlobKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new TypeError(`Invalid blob key ${JSON.stringify(key.slice(0, 80))}`);
  }
}

/** Reads a body given to {@link BlobStore.put} into one array. */
export async function blobBytes(body: Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** A stream of `bytes` in slices of `sliceBytes`, so a large object is not handed on as one piece. */
export function streamOf(bytes: Uint8Array, sliceBytes = 256 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + sliceBytes));
      offset += sliceBytes;
    },
  });
}
