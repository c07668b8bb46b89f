// `@company-chat/core/protocol`: the HTTP contract of company-chat as zod schemas. The server validates
// with them, the client's types are inferred from them, and the OpenAPI document is generated from them.

export {
  adminModelListSchema,
  adminModelSchema,
  adminUserPageSchema,
  adminUserSchema,
  apiKeyInfoSchema,
  apiKeyListSchema,
  apiKeyScopeSchema,
  createdApiKeySchema,
  tierLimitsOutputSchema,
  tierListSchema,
  tierResponseSchema,
} from './admin-schemas.js';
export {
  chatEventSchema,
  citationEventSchema,
  conversationEventSchema,
  errorEventSchema,
  messageEndEventSchema,
  messageStartEventSchema,
  textDeltaEventSchema,
  usageEventSchema,
} from './chat-event-schemas.js';
export {
  type ChatRequest,
  type ChatRequestInput,
  chatRequestSchema,
  DEFAULT_MAX_CONTENT_LENGTH,
} from './chat-request-schema.js';
export {
  conversationPageSchema,
  conversationResponseSchema,
  conversationSummarySchema,
  conversationWithMessagesSchema,
  createConversationSchema,
  listConversationsQuerySchema,
  updateConversationSchema,
} from './conversation-schemas.js';
export { errorBodySchema, errorCodeSchema } from './error-schemas.js';
export {
  fileListSchema,
  fileResponseSchema,
  fileScopeSchema,
  passageResponseSchema,
  passageSchema,
  uploadedFileSchema,
  uploadResponseSchema,
} from './file-schemas.js';
export {
  activeLeafSchema,
  deleteMeResponseSchema,
  editMessageSchema,
  exportQuerySchema,
  feedbackResponseSchema,
  feedbackSchema,
  MAX_FEEDBACK_COMMENT,
  regenerateSchema,
} from './history-schemas.js';
export {
  citationSchema,
  finishReasonSchema,
  locatorSchema,
  messageAttachmentSchema,
  messageStatusSchema,
  storedFeedbackSchema,
  storedMessageSchema,
  tokenUsageSchema,
} from './message-schemas.js';
export { modelInfoSchema, modelListSchema } from './model-schemas.js';
export {
  openAIChatCompletionChunkSchema,
  openAIChatCompletionRequestSchema,
  openAIChatCompletionSchema,
  openAIChatMessageSchema,
  openAIEmbeddingsRequestSchema,
  openAIEmbeddingsSchema,
  openAIErrorBodySchema,
  openAIErrorTypeSchema,
  openAIFinishReasonSchema,
  openAIModelListSchema,
  openAIToolSchema,
  openAIUsageSchema,
} from './openai-gateway-schemas.js';
export { quotaLimitSchema, quotaStatusSchema } from './quota-schemas.js';
