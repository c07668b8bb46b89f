import { type BlobStore, createMemoryBlobStore, createSqlBlobStore, type SqlClient } from '@company-chat/core';
import { ConfigError, type Env } from '../config/config-from-env.js';
import { enumFromEnv } from '../config/enumerated-env.js';

/** Environment variables of the file storage, for the CLI's usage text. */
export const BLOB_VARIABLES_HELP = [
  'COMPANY_CHAT_FILE_STORAGE: where originals of uploads are kept for download: database (default with a database), memory (default without), s3',
  'COMPANY_CHAT_S3_ENDPOINT, COMPANY_CHAT_S3_BUCKET, COMPANY_CHAT_S3_ACCESS_KEY_ID, COMPANY_CHAT_S3_SECRET_ACCESS_KEY (+ COMPANY_CHAT_S3_REGION, COMPANY_CHAT_S3_PREFIX, COMPANY_CHAT_S3_PATH_STYLE=false for virtual-hosted buckets): S3-compatible storage',
];

/** The blob store built from the environment, and a few words saying where it keeps files (no secrets). */
export interface BlobStoreFromEnv {
  blobs: BlobStore;
  description: string;
}

/**
 * The {@link BlobStore} for the originals of uploads: the database the server already uses (default),
 * memory (default without a database), or S3-compatible object storage.
 */
export async function blobStoreFromEnv(env: Env, sql: SqlClient | undefined): Promise<BlobStoreFromEnv> {
  const kind = enumFromEnv(env, 'COMPANY_CHAT_FILE_STORAGE', ['database', 'memory', 's3'] as const);
  if (kind === 's3') return s3FromEnv(env);
  if (kind === 'memory' || !sql) {
    if (kind === 'database') throw new ConfigError('COMPANY_CHAT_FILE_STORAGE=database needs a database store');
    return { blobs: createMemoryBlobStore(), description: 'originals in memory' };
  }
  return { blobs: createSqlBlobStore(sql), description: 'originals in the database' };
}

async function s3FromEnv(env: Env): Promise<BlobStoreFromEnv> {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`COMPANY_CHAT_FILE_STORAGE=s3 needs ${name}`);
    return value;
  };
  const endpoint = required('COMPANY_CHAT_S3_ENDPOINT');
  if (!/^https?:\/\/[^/]/.test(endpoint)) throw new ConfigError('COMPANY_CHAT_S3_ENDPOINT must be an http(s) URL');
  const bucket = required('COMPANY_CHAT_S3_BUCKET');
  const pathStyle = enumFromEnv(env, 'COMPANY_CHAT_S3_PATH_STYLE', ['true', 'false'] as const);
  const prefix = env.COMPANY_CHAT_S3_PREFIX?.trim() || undefined;
  if (prefix && (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(prefix) || /(^|\/)\.\.?\//.test(prefix))) {
    throw new ConfigError(
      'COMPANY_CHAT_S3_PREFIX must be path segments of letters, digits, dots, dashes or underscores ending in "/"',
    );
  }
  // Loaded only when configured: aws4fetch is needed by S3 storage alone.
  const { createS3BlobStore } = await import('@company-chat/core/s3');
  const blobs = createS3BlobStore({
    endpoint,
    bucket,
    region: env.COMPANY_CHAT_S3_REGION?.trim() || undefined,
    accessKeyId: required('COMPANY_CHAT_S3_ACCESS_KEY_ID'),
    secretAccessKey: required('COMPANY_CHAT_S3_SECRET_ACCESS_KEY'),
    prefix,
    pathStyle: pathStyle !== 'false',
  });
  return { blobs, description: `originals in S3 bucket ${bucket}` };
}
