// `@company-chat/testing/http`: reading the chat API's SSE answers in tests.
export { type OpenChatStream, openChatStream } from './http-client.js';
export { answerText, parseSse, type SseEvent } from './sse-client.js';
