// Public API of @company-chat/react. Importing it never touches `window` or `customElements`, so it is
// safe in server rendering; the widget itself loads in the browser when <CompanyChat> mounts.

export type {
  ChatClientOptions,
  ChatErrorInfo,
  ChatMessage,
  ChatSnapshot,
  ChatStatus,
  ConversationSummary,
  SendResult,
} from '@company-chat/core/client';
export { ChatClient } from '@company-chat/core/client';
export { COMPANY_CHAT_PROPERTIES, CompanyChat, type CompanyChatProps } from './company-chat/company-chat.js';
export {
  type AnswerCompleteDetail,
  type ChatErrorDetail,
  type ConversationChangeDetail,
  type CopyDetail,
  companyChatEvents,
  type FileDeletedDetail,
  type MessageSentDetail,
  type OpenChangeDetail,
} from './company-chat/company-chat-events.js';
export { defineCompanyChat } from './company-chat/define-company-chat.js';
export {
  type ConversationsSnapshot,
  type ConversationsStore,
  createConversationsStore,
} from './use-chat/conversations-store.js';
export { type UseChatConversations, type UseChatOptions, type UseChatResult, useChat } from './use-chat/use-chat.js';
export { type ChatConnectionOptions, useChatClient } from './use-chat/use-chat-client.js';

/** Package version of `@company-chat/react`. */
export const REACT_VERSION = '0.0.0';
