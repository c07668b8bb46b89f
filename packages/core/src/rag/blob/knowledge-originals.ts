import type { Logger } from '../../engine/logger.js';
import type { KnowledgeFile } from '../knowledge-types.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

type FileKey = Pick<KnowledgeFile, 'id' | 'sha256'>;

/** The originals of uploaded files in a {@link BlobStore}, as the knowledge base keeps them. */
export interface KnowledgeOriginals {
  put(file: FileKey, bytes: Uint8Array, contentType: string): Promise<void>;
  /** A failure leaves an orphan, logged, never a failed request. */
  remove(file: FileKey): Promise<void>;
  get(file: FileKey): Promise<StoredBlob | null>;
}

/**
 * Keeps each original under `files/<file id>/<sha256>`: by content hash, so a new version never
 * overwrites the one a download is reading, and the bytes under a key never change.
 */
export function knowledgeOriginals(blobs: BlobStore, logger: Logger): KnowledgeOriginals {
  const key = (file: FileKey) => `files/${file.id}/${file.sha256}`;
  return {
    put: (file, bytes, contentType) => blobs.put(key(file), bytes, { contentType }),
    get: (file) => blobs.get(key(file)),
    async remove(file) {
      try {
        await blobs.delete(key(file));
      } catch (error) {
        logger.error('Deleting the original of a file failed; it stays in the blob store.', {
          fileId: file.id,
          key: key(file),
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
  };
}
