import { runBlobStoreConformance } from './blob-store.case.test.js';
import { createMemoryBlobStore } from './memory-blob-store.js';

runBlobStoreConformance('memory', async () => ({ blobs: createMemoryBlobStore() }));
