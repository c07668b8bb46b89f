// `@company-chat/testing/server`: the one way tests start a real chat server (scripted models, memory store).
export { olderServer } from './older-server.js';
export { type ChatTestServer, type ChatTestServerOptions, startChatTestServer } from './start-chat-test-server.js';
export { type ChatTestServerHarness, useChatTestServer, withChatTestServer } from './use-chat-test-server.js';
