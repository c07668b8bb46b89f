import { runKnowledgeStoreConformance } from '../knowledge-store.case.test.js';
import { createMemoryKnowledgeStore } from './memory-knowledge-store.js';

runKnowledgeStoreConformance('memory', async () => ({ store: createMemoryKnowledgeStore() }));
