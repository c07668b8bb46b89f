// Public API of @company-chat/core. Explicit named exports only (no `export *`), so the API surface is reviewed.

export type { ChatStore } from './conversations/chat-store.js';
export {
  type ConversationCursor,
  decodeConversationCursor,
  encodeConversationCursor,
} from './conversations/conversation-cursor.js';
export { createMemoryChatStore } from './conversations/memory-chat-store.js';
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
  RecoverOptions,
} from './conversations/types.js';
export { migrate } from './sql/migrate.js';
export { type Migration, migrations } from './sql/migrations/migrations.js';
export { createSqlChatStore, type SqlChatStoreOptions } from './sql/sql-chat-store.js';
export type { SqlClient, SqlResult } from './sql/sql-client.js';
export type { CheckpointPolicy } from './engine/answer-checkpointer.js';
export { type BuildPromptInput, type BuiltPrompt, buildPrompt } from './engine/build-prompt.js';
export type {
  ChatEngine,
  ChatEngineOptions,
  ConversationWithMessages,
  ModelInfo,
  SendInput,
} from './engine/chat-engine.js';
export type {
  ChatEvent,
  ConversationEvent,
  ErrorEvent,
  MessageEndEvent,
  MessageStartEvent,
  TextDeltaEvent,
  UsageEvent,
} from './engine/chat-events.js';
export { createChatEngine } from './engine/create-chat-engine.js';
export { consoleLogger, type Logger } from './engine/logger.js';
export { makeTitle } from './engine/make-title.js';
export { type PublicError, toPublicError } from './engine/to-public-error.js';
export { loadDefaultTokenCounter, type TokenCounter } from './engine/token-counter.js';
export { CompanyChatError, type CompanyChatErrorOptions, type ErrorCode } from './errors/company-chat-error.js';
export { ProviderError, type ProviderErrorCode, type ProviderErrorOptions } from './errors/provider-error.js';
export { AnthropicChatModel } from './providers/anthropic/anthropic-chat-model.js';
export { type AnthropicProviderOptions, anthropic } from './providers/anthropic/anthropic-provider.js';
export type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelMessage,
  ChatModelRequest,
  ChatModelStreamPart,
  FinishReason,
  TokenUsage,
} from './providers/chat-model.js';
export type { StreamTimeoutOptions } from './providers/guard-provider-stream.js';
export { OpenAIChatModel, type OpenAIChatModelSettings } from './providers/openai/openai-chat-model.js';
export {
  type AzureOpenAIOptions,
  azureOpenAI,
  type OpenAIConnectionOptions,
  type OpenAIProviderOptions,
  openai,
} from './providers/openai/openai-provider.js';
export { RouterChatModel, type RouterOptions, type RouteStatus, router } from './providers/router/router-chat-model.js';
