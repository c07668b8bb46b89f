import { runKnowledgeStoreConformance } from '@company-chat/testing/conformance';
import { createMemoryKnowledgeStore } from './memory-knowledge-store.js';

runKnowledgeStoreConformance('memory', async () => ({ store: createMemoryKnowledgeStore() }));
