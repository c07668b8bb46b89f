// Entry `@company-chat/core/s3`: the S3-compatible blob store, kept out of the main entry because it
// needs the optional peer dependency `aws4fetch`.
export { createS3BlobStore, type S3BlobStoreOptions } from './rag/blob/s3-blob-store.js';
