// Public API of @company-chat/core. Explicit named exports only (no `export *`), so the API surface is reviewed.

// Identity
export type { AuditEvent, AuditLog, AuditOutcome, AuditQuery, AuditRecord } from './audit/audit-log.js';
export { createMemoryAuditLog } from './audit/memory-audit-log.js';
export {
  REDACTED,
  sanitizeAuditDetails,
  sanitizeAuditEvent,
  sanitizeAuditString,
} from './audit/sanitize-audit-event.js';
export { sanitizeLogDetails, sanitizeLogMessage } from './audit/sanitize-log-details.js';
export { createSqlAuditLog } from './audit/sql-audit-log.js';
export type { ChatStore } from './conversations/chat-store.js';
export {
  type ConversationCursor,
  decodeConversationCursor,
  encodeConversationCursor,
} from './conversations/conversation-cursor.js';
export { activePath, newestLeafUnder, type PathMessage, withSiblings } from './conversations/conversation-tree.js';
export {
  type ConversationExport,
  conversationToJson,
  conversationToMarkdown,
  exportOwnerData,
  type OwnerExport,
} from './conversations/export-conversation.js';
export { createMemoryChatStore } from './conversations/memory-chat-store.js';
export type {
  Conversation,
  ConversationPatch,
  FeedbackRating,
  FeedbackRecord,
  ListConversationsOptions,
  Message,
  MessageCitation,
  MessageFeedback,
  MessagePatch,
  MessageStatus,
  NewMessage,
  Owner,
  Page,
  RecoverOptions,
} from './conversations/types.js';
export type { CheckpointPolicy } from './engine/answer-checkpointer.js';
export { type BuildPromptInput, type BuiltPrompt, buildPrompt } from './engine/build-prompt.js';
export type {
  AuxiliaryModelCall,
  ChatEngine,
  ChatEngineOptions,
  CompleteInput,
  CompletionEvent,
  CompletionStartEvent,
  ConversationExportResult,
  ConversationWithMessages,
  EditInput,
  ModelInfo,
  RegenerateInput,
  SendInput,
  ToolCallDeltaEvent,
} from './engine/chat-engine.js';
export type {
  ChatEvent,
  CitationEvent,
  ConversationEvent,
  ErrorEvent,
  MessageEndEvent,
  MessageStartEvent,
  TextDeltaEvent,
  UsageEvent,
} from './engine/chat-events.js';
export { createChatEngine } from './engine/create-chat-engine.js';
export { consoleLogger, formatLogLine, type Logger } from './engine/logger.js';
export { makeTitle } from './engine/make-title.js';
export { type PublicError, toPublicError } from './engine/to-public-error.js';
export { loadDefaultTokenCounter, type TokenCounter } from './engine/token-counter.js';
export { CompanyChatError, type CompanyChatErrorOptions, type ErrorCode } from './errors/company-chat-error.js';
export { ProviderError, type ProviderErrorCode, type ProviderErrorOptions } from './errors/provider-error.js';
export type { Account, AccountStatus, AccountStore, RefreshTokenRecord, Session } from './identity/account-store.js';
export {
  ACCESS_TOKEN_KIND,
  type Accounts,
  type AccountsOptions,
  createAccounts,
  type TokenPair,
} from './identity/accounts.js';
export type { ApiKeyRecord, ApiKeyStore } from './identity/api-key-store.js';
export {
  API_KEY_PREFIX,
  type ApiKeyInfo,
  type ApiKeys,
  type CreateApiKeyInput,
  type CreatedApiKey,
  createApiKeys,
  isApiKey,
} from './identity/api-keys.js';
export { AuthenticationError, forbidden, UNAUTHENTICATED_MESSAGE, unauthenticated } from './identity/auth-errors.js';
export { type Authenticator, type AuthenticatorOptions, createAuthenticator } from './identity/authenticator.js';
export { type AccessNeed, authorize, scopesOf } from './identity/authorize.js';
export { type CachedUserDirectoryOptions, cacheUserDirectory } from './identity/cached-user-directory.js';
export { type ClaimMapping, principalFromClaims } from './identity/claim-mapping.js';
export {
  type AsymmetricAlgorithm,
  createJwtVerifier,
  type HmacAlgorithm,
  type JwtKeySource,
  type JwtVerifier,
  type JwtVerifierOptions,
} from './identity/jwt-verifier.js';
export type {
  LoginAttempt,
  LoginThrottle,
  LoginThrottleOptions,
  ThrottleVerdict,
} from './identity/login-throttle.js';
export { createMemoryAccountStore } from './identity/memory-account-store.js';
export { createMemoryApiKeyStore } from './identity/memory-api-key-store.js';
export { createMemoryLoginThrottle } from './identity/memory-login-throttle.js';
export { createMemoryUserDirectory } from './identity/memory-user-directory.js';
export {
  DEFAULT_PASSWORD_HASH_PARAMS,
  hashPassword,
  type PasswordHashParams,
  verifyPassword,
} from './identity/password-hash.js';
export {
  API_KEY_SCOPES,
  type ApiKeyScope,
  type AuthMethod,
  normalizeRoles,
  type Principal,
  ROLES,
  type Role,
  WIDGET_TOKEN_SCOPES,
} from './identity/principal.js';
export { createSqlAccountStore } from './identity/sql-account-store.js';
export { createSqlApiKeyStore } from './identity/sql-api-key-store.js';
export { migration0003Identity } from './identity/sql-identity-migration.js';
export { createSqlUserDirectory } from './identity/sql-user-directory.js';
export type { ListUsersQuery, UserDirectory, UserPatch, UserRecord } from './identity/user-directory.js';
export {
  type MintWidgetTokenOptions,
  mintWidgetToken,
  type VerifyWidgetTokenOptions,
  verifyWidgetToken,
  WIDGET_TOKEN_KIND,
} from './identity/widget-token.js';
export { AnthropicChatModel } from './providers/anthropic/anthropic-chat-model.js';
export { type AnthropicProviderOptions, anthropic } from './providers/anthropic/anthropic-provider.js';
export type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelMessage,
  ChatModelRequest,
  ChatModelStreamPart,
  ChatModelTool,
  ChatModelToolCall,
  ChatModelToolChoice,
  ContextPassage,
  FallbackEvent,
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
// Quotas, rate limits and cost
export { createMemoryQuotaLedger, type MemoryQuotaLedgerOptions } from './quotas/memory-quota-ledger.js';
export { createMemoryRateLimiter, type MemoryRateLimiterOptions } from './quotas/memory-rate-limiter.js';
export { meterChatEvents } from './quotas/meter-chat-events.js';
export type { QuotaConfig } from './quotas/plan-quota-counters.js';
export {
  type Cost,
  costOf,
  createPriceTable,
  DEFAULT_PRICES,
  findPrice,
  type ModelPrice,
  type PriceTable,
} from './quotas/price-table.js';
export { type LimitScope, QuotaError, quotaUnavailable } from './quotas/quota-error.js';
export {
  type Admission,
  type AdmitInput,
  createQuotaGuard,
  type FinishInput,
  type QuotaGuard,
  type QuotaGuardOptions,
} from './quotas/quota-guard.js';
export type {
  ActualUsage,
  QuotaLedger,
  QuotaUsage,
  Reservation,
  ReservedCounter,
  ReserveInput,
} from './quotas/quota-ledger.js';
export {
  RATE_WINDOW_MS,
  type RateLimiter,
  type RateLimiterConfig,
  type RateLimitName,
  type StreamLease,
} from './quotas/rate-limiter.js';
export {
  DEFAULT_TIERS,
  type LimitName,
  messagesPerMinuteOf,
  resolveTier,
  type TierLimits,
  type Tiers,
} from './quotas/tiers.js';
// Knowledge base (RAG): parsing, chunking, stores, retrieval, context prompt and the offline answerer.
export {
  CitationTracker,
  citationEvents,
  citedIndexes,
  toMessageCitations,
} from './rag/answer/citation-events.js';
export {
  OFFLINE_NOTHING_FOUND,
  OFFLINE_PREFIX,
  type OfflineModelOptions,
  offline,
  offlineAnswer,
} from './rag/answer/offline-model.js';
export type { BlobStore, PutBlobOptions, StoredBlob } from './rag/blob/blob-store.js';
export { createMemoryBlobStore } from './rag/blob/memory-blob-store.js';
export { createSqlBlobStore, type SqlBlobStoreOptions } from './rag/blob/sql-blob-store.js';
export type { Chunk, ChunkOptions, Locator } from './rag/chunk/chunk.js';
export { chunkDocument } from './rag/chunk/chunk-document.js';
export { chunkLocator } from './rag/chunk/chunk-locator.js';
export {
  createKnowledgeBase,
  type IngestedFile,
  type IngestInput,
  type IngestOptions,
  type IngestOutcome,
  type IngestProgress,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type KnowledgeRetrieveOptions,
} from './rag/create-knowledge-base.js';
export type { Embedder, EmbedOptions } from './rag/embed/embedder.js';
export {
  type OpenAICompatibleEmbedderOptions,
  openAICompatibleEmbedder,
} from './rag/embed/openai-compatible-embedder.js';
export {
  type ChunkHit,
  type ChunkSource,
  canRead,
  type FileScope,
  type FileStatus,
  type FileVersion,
  type IngestStage,
  inScope,
  type KnowledgeFile,
  type KnowledgeStore,
  type PassageWithNeighbours,
  type Reader,
  type SearchOptions,
  type StoredChunk,
  type VectorStorage,
} from './rag/knowledge-types.js';
export { type DocumentParser, inProcessParser } from './rag/parse/document-parser.js';
export { type ParseDocumentInput, parseDocument } from './rag/parse/parse-document.js';
export { defaultParseLimits, type ParseLimits } from './rag/parse/parse-limits.js';
export {
  type DocumentBlock,
  type DocumentKind,
  documentText,
  type ParsedDocument,
} from './rag/parse/parsed-document.js';
export {
  type BuildContextPromptOptions,
  buildContextPrompt,
  NOTHING_RELEVANT_PROMPT,
  toContextPassages,
} from './rag/prompt/build-context-prompt.js';
export { type RewriteQuestionInput, type RewrittenQuestion, rewriteQuestion } from './rag/prompt/rewrite-question.js';
export { type PromptKnowledge, type RetrieveForPromptInput, retrieveForPrompt } from './rag/prompt/with-knowledge.js';
export { reciprocalRankFusion } from './rag/retrieve/reciprocal-rank-fusion.js';
export { DEFAULT_RELEVANCE_FLOOR, type RelevanceFloor } from './rag/retrieve/relevance-floor.js';
export type { RetrievedPassage } from './rag/retrieve/retrieved-passage.js';
export {
  type CreateRetrieverOptions,
  createRetriever,
  type RetrieveOptions,
  type Retriever,
} from './rag/retrieve/retriever.js';
export { createMemoryKnowledgeStore } from './rag/store/memory-knowledge-store.js';
export { createSqlKnowledgeStore, type SqlKnowledgeStoreOptions } from './rag/store/sql-knowledge-store.js';
export { migrate } from './sql/migrate.js';
export { type Migration, migrations } from './sql/migrations/migrations.js';
export { createSqlChatStore, type SqlChatStoreOptions } from './sql/sql-chat-store.js';
export type { SqlClient, SqlResult } from './sql/sql-client.js';
export {
  type Instrumentation,
  type InstrumentationEvent,
  noopInstrumentation,
} from './telemetry/instrumentation.js';
// Tracing (OpenTelemetry spans; no-ops until the host registers a tracer provider)
export { type ModelCallTrace, traceModelCall } from './tracing/trace-model-call.js';
export { createMemoryUsageLog } from './usage/memory-usage-log.js';
export { createSqlUsageLog } from './usage/sql-usage-log.js';
export { migration0004Usage } from './usage/sql-usage-migration.js';
export type {
  UsageGroupBy,
  UsageInput,
  UsageLog,
  UsageQuery,
  UsageRecord,
  UsageSummaryRow,
} from './usage/usage-log.js';
