// Public API of @company-chat/core. Explicit named exports only (no `export *`), so the API surface is reviewed.
export { CompanyChatError, type CompanyChatErrorOptions, type ErrorCode } from './errors/company-chat-error.js';
export { ProviderError, type ProviderErrorCode, type ProviderErrorOptions } from './errors/provider-error.js';
export type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelMessage,
  ChatModelRequest,
  ChatModelStreamPart,
  FinishReason,
  TokenUsage,
} from './providers/chat-model.js';
export type { ChatStore } from './conversations/chat-store.js';
export type {
  Conversation,
  ConversationPatch,
  ListConversationsOptions,
  Message,
  MessagePatch,
  MessageStatus,
  NewMessage,
  Owner,
  Page,
} from './conversations/types.js';
export type {
  ChatEvent,
  ConversationEvent,
  ErrorEvent,
  MessageEndEvent,
  MessageStartEvent,
  TextDeltaEvent,
  UsageEvent,
} from './engine/chat-events.js';
