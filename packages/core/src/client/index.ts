// Browser-safe entry `@company-chat/core/client`: no provider code, no zod, no Node APIs.

export type {
  ChatEvent,
  CitationEvent,
  ConversationEvent,
  ErrorEvent,
  MessageEndEvent,
  MessageStartEvent,
  TextDeltaEvent,
  UsageEvent,
} from '../engine/chat-events.js';
export { CompanyChatError, type ErrorCode } from '../errors/company-chat-error.js';
export type { Locator } from '../rag/chunk/chunk.js';
export { ChatClient, type ChatClientError, type ChatClientOptions } from './chat-client.js';
export type { ChatAttachment, ChatCitation, ChatErrorInfo, ChatFeedback, ChatMessage } from './chat-message.js';
export {
  type ChatController,
  type ChatSnapshot,
  type ChatStateOptions,
  type ChatStatus,
  createChatState,
} from './chat-state.js';
export { ChatStream, type SendCallbacks, type SendResult } from './chat-stream.js';
export type {
  ConversationPage,
  ConversationSummary,
  ConversationUpdate,
  ConversationWithMessages,
  EditMessageInput,
  FeedbackInput,
  FilePassage,
  FilePassageText,
  ModelInfo,
  QuotaLimit,
  QuotaStatus,
  RegenerateInput,
  SendInput,
  StoredFeedback,
  StoredMessage,
  UploadedFile,
} from './types.js';
