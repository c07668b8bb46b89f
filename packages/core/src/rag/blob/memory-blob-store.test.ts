import { runBlobStoreConformance } from '@company-chat/testing/conformance';
import { createMemoryBlobStore } from './memory-blob-store.js';

runBlobStoreConformance('memory', async () => ({ blobs: createMemoryBlobStore() }));
