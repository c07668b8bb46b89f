import { runChatStoreConformance } from './chat-store.case.test.js';
import { createMemoryChatStore } from './memory-chat-store.js';

runChatStoreConformance('memory', async () => ({ store: createMemoryChatStore() }));
