import { AwsClient } from 'aws4fetch';
import { CompanyChatError } from '../../errors/company-chat-error.js';
import { type BlobStore, blobBytes, checkBlobKey } from './blob-store.js';

/** Options of {@link createS3BlobStore}. */
export interface S3BlobStoreOptions {
  /**
   * The service's base URL: `https://s3.eu-central-1.amazonaws.com`, a MinIO or Ceph URL,
   * `https://<account>.r2.cloudflarestorage.com`...
   */
  endpoint: string;
  bucket: string;
  /** Signing region. Default `us-east-1` (what MinIO and most S3-compatible servers expect; R2 wants `auto`). */
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Prepended to every key, e.g. `company-chat/`. Default none. */
  prefix?: string;
  /**
   * Bucket in the path (`endpoint/bucket/key`, default: what MinIO, Ceph and R2 serve) rather than in
   * the host name (`bucket.endpoint/key`, AWS's virtual-hosted style).
   */
  pathStyle?: boolean;
  /** Attempts after a 5xx or 429 answer or a network error (with backoff). Default 2. */
  retries?: number;
}

/**
 * A {@link BlobStore} in S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, Ceph, ...),
 * signed with AWS Signature V4 by `aws4fetch` over `fetch`, so it runs on Node, Bun, Deno and Workers.
 * Needs the optional peer dependency `aws4fetch`. Failures of the service are `store_unavailable`
 * errors (503); their details go to the cause, never to the user.
 *
 * @example
 * ```ts
 * import { createS3BlobStore } from '@company-chat/core/s3';
 * const blobs = createS3BlobStore({ endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1',
 *   bucket: 'acme-chat-files', accessKeyId, secretAccessKey, pathStyle: false });
 * ```
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    sessionToken: options.sessionToken,
    service: 's3',
    region: options.region ?? 'us-east-1',
    retries: options.retries ?? 2,
  });
  const base = new URL(options.endpoint);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('endpoint must be an http(s) URL');
  const pathStyle = options.pathStyle ?? true;
  const prefix = options.prefix ?? '';
  const bucket = encodeURIComponent(options.bucket);
  const urlOf = (key: string) => {
    checkBlobKey(key);
    const path = `${prefix}${key}`.split('/').map(encodeURIComponent).join('/');
    const url = new URL(base);
    const root = url.pathname.replace(/\/+$/, '');
    if (pathStyle) url.pathname = `${root}/${bucket}/${path}`;
    else {
      url.hostname = `${options.bucket}.${url.hostname}`;
      url.pathname = `${root}/${path}`;
    }
    return url.toString();
  };
  const send = async (method: string, key: string, init: RequestInit = {}): Promise<Response> => {
    let response: Response;
    try {
      response = await client.fetch(urlOf(key), { ...init, method });
    } catch (error) {
      if (error instanceof TypeError && error.message.startsWith('Invalid blob key')) throw error;
      throw unavailable(`${method} failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (response.ok || (response.status === 404 && method !== 'PUT')) return response;
    const detail = (await response.text().catch(() => '')).slice(0, 500);
    throw unavailable(`${method} answered ${response.status}: ${detail}`);
  };
  return {
    async put(key, body, putOptions = {}) {
      // S3 wants the length (and the signature the hash) up front: the body is read whole first.
      const bytes = await blobBytes(body);
      const headers: Record<string, string> = {};
      if (putOptions.contentType) headers['content-type'] = putOptions.contentType;
      const response = await send('PUT', key, { body: bytes as Uint8Array<ArrayBuffer>, headers });
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send('GET', key);
      if (response.status === 404 || !response.body) {
        await response.body?.cancel();
        return null;
      }
      const size = Number(response.headers.get('content-length'));
      const contentType = response.headers.get('content-type');
      const blob = { body: response.body, size: Number.isFinite(size) ? size : 0 };
      return contentType ? { ...blob, contentType } : blob;
    },
    async delete(key) {
      const response = await send('DELETE', key);
      await response.body?.cancel();
    },
  };
}

function unavailable(detail: string, cause?: unknown): CompanyChatError {
  return new CompanyChatError({
    code: 'store_unavailable',
    message: 'The file storage is not available right now.',
    cause: cause ?? new Error(`S3: ${detail}`),
  });
}
