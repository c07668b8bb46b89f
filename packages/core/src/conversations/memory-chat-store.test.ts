import { runChatStoreConformance } from '@company-chat/testing/conformance';
import { createMemoryChatStore } from './memory-chat-store.js';

runChatStoreConformance('memory', async () => ({ store: createMemoryChatStore() }));
