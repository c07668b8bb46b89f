/**
 * `@company-chat/core/ai-sdk`: any Vercel AI SDK language model as a {@link ChatModel}.
 * @module
 */
export { AiSdkChatModel, type FromAiSdkOptions, fromAiSdk } from './providers/ai-sdk/ai-sdk-chat-model.js';
export type {
  AiSdkCallOptions,
  AiSdkLanguageModel,
  AiSdkMessage,
  AiSdkStreamPart,
  AiSdkTextPart,
} from './providers/ai-sdk/ai-sdk-language-model.js';
export type { ChatModel } from './providers/chat-model.js';
