import type { EventName } from '@lit/react';

/** Detail of `cc-message-sent`: the user sent a message. */
export interface MessageSentDetail {
  content: string;
  conversationId: string | null;
}

/** Detail of `cc-answer-complete`: an answer ended (complete, stopped or failed). */
export interface AnswerCompleteDetail {
  messageId: string;
  conversationId: string | null;
  status: string;
  content: string;
}

/** Detail of `cc-error`: something failed. */
export interface ChatErrorDetail {
  code: string;
  message: string;
  retryable: boolean;
}

/** Detail of `cc-open-change`: the launcher panel opened or closed. */
export interface OpenChangeDetail {
  open: boolean;
}

/** Detail of `cc-conversation-change`: another conversation was opened, or a new chat started (null). */
export interface ConversationChangeDetail {
  conversationId: string | null;
}

/** Detail of `cc-copy`: the user copied a message. */
export interface CopyDetail {
  messageId: string;
  copied: boolean;
}

/** Detail of `cc-file-deleted`: the user deleted a file in "My files". */
export interface FileDeletedDetail {
  fileId: string;
}

/** The widget's events (its `@fires` JSDoc) as `onXxx` props of `<CompanyChat>`. */
export const companyChatEvents = {
  onMessageSent: 'cc-message-sent' as EventName<CustomEvent<MessageSentDetail>>,
  onAnswerComplete: 'cc-answer-complete' as EventName<CustomEvent<AnswerCompleteDetail>>,
  onError: 'cc-error' as EventName<CustomEvent<ChatErrorDetail>>,
  onOpenChange: 'cc-open-change' as EventName<CustomEvent<OpenChangeDetail>>,
  onConversationChange: 'cc-conversation-change' as EventName<CustomEvent<ConversationChangeDetail>>,
  onCopy: 'cc-copy' as EventName<CustomEvent<CopyDetail>>,
  onFileDeleted: 'cc-file-deleted' as EventName<CustomEvent<FileDeletedDetail>>,
};
