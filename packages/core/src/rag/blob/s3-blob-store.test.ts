import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBlobStoreConformance } from '@company-chat/testing/conformance';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompanyChatError } from '../../errors/company-chat-error.js';
import { createS3BlobStore } from './s3-blob-store.js';

// s3rver: a local server speaking the S3 REST protocol. It parses the Signature V4 Authorization header
// and checks its access key id, but not the signature itself (aws4fetch's signing is tested upstream
// against AWS's signature test suite).
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let server: S3rver;
let endpoint = '';
let directory = '';

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'company-chat-s3-'));
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: 'files', configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

let run = 0;
// A new prefix per test: the same bucket, but each test sees an empty store.
runBlobStoreConformance('S3-compatible (s3rver)', async () => ({
  blobs: createS3BlobStore({ endpoint, bucket: 'files', prefix: `run-${++run}/`, ...credentials }),
}));

describe('S3 blob store', () => {
  it('says the storage is unavailable, without details, when the service refuses the credentials', async () => {
    const blobs = createS3BlobStore({ endpoint, bucket: 'files', accessKeyId: 'UNKNOWN', secretAccessKey: 'S3RVER' });
    const error = await blobs.put('x', new Uint8Array([1])).catch((e: unknown) => e);
    expect(CompanyChatError.isInstance(error) && error.toJSON()).toEqual({
      code: 'store_unavailable',
      message: 'The file storage is not available right now.',
    });
    expect(String((error as Error).cause)).toMatch(/403/);
  });

  it('says so when the bucket does not exist', async () => {
    const blobs = createS3BlobStore({ endpoint, bucket: 'no-such-bucket', ...credentials });
    await expect(blobs.put('x', new Uint8Array([1]))).rejects.toMatchObject({ code: 'store_unavailable' });
  });
});
