import type { SqlClient } from '../../sql/sql-client.js';
import { type BlobStore, blobBytes, checkBlobKey } from './blob-store.js';

/** Options of {@link createSqlBlobStore}. */
export interface SqlBlobStoreOptions {
  /** Bytes read per query while an object is streamed out. Default 1 MiB. */
  sliceBytes?: number;
}

/**
 * A {@link BlobStore} in the `file_blobs` table of the shared SQL schema (PGlite or PostgreSQL,
 * migrated with `migrate()`): the default place for the originals of uploaded files, so a deployment
 * needs nothing besides its database. An object is read out in slices (`substring` of an uncompressed
 * `bytea`, which reads only the pages of that slice), so a download never holds a whole file.
 *
 * @example
 * ```ts
 * const kb = createKnowledgeBase({ store: await createSqlKnowledgeStore(db), blobs: createSqlBlobStore(db) });
 * ```
 */
export function createSqlBlobStore(db: SqlClient, options: SqlBlobStoreOptions = {}): BlobStore {
  const slice = options.sliceBytes ?? 1024 * 1024;
  return {
    async put(key, body, putOptions = {}) {
      checkBlobKey(key);
      const bytes = await blobBytes(body);
      await db.query(
        `INSERT INTO file_blobs (key, content_type, size_bytes, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET content_type = excluded.content_type, size_bytes = excluded.size_bytes,
           data = excluded.data, created_at = now()`,
        [key, putOptions.contentType ?? null, bytes.byteLength, bytes],
      );
    },
    async get(key) {
      checkBlobKey(key);
      const { rows } = await db.query<{ size_bytes: string | number; content_type: string | null; part: Uint8Array }>(
        'SELECT size_bytes, content_type, substring(data FROM 1 FOR $2) AS part FROM file_blobs WHERE key = $1',
        [key, slice],
      );
      const row = rows[0];
      if (!row) return null;
      const size = Number(row.size_bytes);
      let next: Uint8Array | null = new Uint8Array(row.part);
      let offset = next.byteLength;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (next) {
            if (next.byteLength > 0) controller.enqueue(next);
            next = null;
          } else if (offset < size) {
            const { rows: more } = await db.query<{ part: Uint8Array }>(
              'SELECT substring(data FROM $2 FOR $3) AS part FROM file_blobs WHERE key = $1',
              [key, offset + 1, slice],
            );
            const part = more[0]?.part;
            if (!part || part.byteLength === 0) {
              controller.error(new Error(`The stored file ${key} was deleted while it was being read.`));
              return;
            }
            controller.enqueue(new Uint8Array(part));
            offset += part.byteLength;
          }
          if (!next && offset >= size) controller.close();
        },
      });
      return row.content_type === null ? { body, size } : { body, size, contentType: row.content_type };
    },
    async delete(key) {
      checkBlobKey(key);
      await db.query('DELETE FROM file_blobs WHERE key = $1', [key]);
    },
  };
}
