import type { ChatToolsStrings } from './tools/chat-tools-strings.js';

/**
 * Every user-visible string of `<company-chat>`; override any of them through the `strings` property.
 * The strings of "More actions" ({@link ChatToolsStrings}) have their defaults in that lazily loaded part.
 */
export interface CompanyChatStrings extends Partial<ChatToolsStrings> {
  title: string;
  openChat: string;
  closeChat: string;
  inputLabel: string;
  inputPlaceholder: string;
  send: string;
  stop: string;
  modelLabel: string;
  attach: string;
  useKnowledge: string;
  tokensLeftToday: string;
  tokensLeftMonth: string;
  quotaUsedUp: string;
  limitReached: string;
  attachments: string;
  removeAttachment: string;
  /** `{name}` is replaced. */
  fileTypeRejected: string;
  /** `{name}` and `{max}` are replaced. */
  fileTooLarge: string;
  uploading: string;
  uploaded: string;
  /** `{name}` and `{message}` are replaced. */
  uploadFailed: string;
  dropFiles: string;
  /** `{count}` and `{max}` are replaced. */
  charCount: string;
  emptyState: string;
  you: string;
  assistant: string;
  copy: string;
  copied: string;
  copyCode: string;
  codeLabel: string;
  regenerate: string;
  edit: string;
  save: string;
  cancel: string;
  retry: string;
  versions: string;
  previousVersion: string;
  nextVersion: string;
  /** `{index}` and `{count}` are replaced. */
  versionOf: string;
  sources: string;
  /** `{page}` is replaced. */
  page: string;
  statusAborted: string;
  statusInterrupted: string;
  statusError: string;
  answerStarted: string;
  answerFinished: string;
  answerStopped: string;
  answerFailed: string;
  imageBlocked: string;
  messagesLabel: string;
  conversationsLabel: string;
  newChat: string;
  searchConversations: string;
  rename: string;
  renameLabel: string;
  delete: string;
  confirmDelete: string;
  noConversations: string;
  toggleSidebar: string;
  untitled: string;
  /** Starter prompts' group label. */
  suggestionsLabel: string;
  scrollToLatest: string;
  copyFailed: string;
  /** The upload-scope picker and its two choices. */
  attachTo: string;
  attachToChat: string;
  attachToAll: string;
  moreActions: string;
}

/** English defaults. */
export const defaultStrings: CompanyChatStrings = {
  title: 'Chat',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  inputLabel: 'Message',
  inputPlaceholder: 'Ask anything…',
  send: 'Send',
  stop: 'Stop',
  modelLabel: 'Model',
  attach: 'Attach files',
  useKnowledge: 'Use knowledge base',
  tokensLeftToday: '{count} tokens left today',
  tokensLeftMonth: '{count} tokens left this month',
  quotaUsedUp: 'You have used up your quota. It resets at {time}.',
  limitReached: 'Usage limit reached. {message}',
  attachments: 'Attachments',
  removeAttachment: 'Remove',
  fileTypeRejected: '{name}: this type of file is not accepted.',
  fileTooLarge: '{name} is larger than {max}.',
  uploading: 'uploading…',
  uploaded: 'ready',
  uploadFailed: '{name} could not be uploaded: {message}',
  dropFiles: 'Drop files to attach them',
  charCount: '{count} / {max}',
  emptyState: 'How can I help you today?',
  you: 'You',
  assistant: 'Assistant',
  copy: 'Copy',
  copied: 'Copied',
  copyCode: 'Copy code',
  codeLabel: 'code',
  regenerate: 'Regenerate',
  edit: 'Edit',
  save: 'Save and send',
  cancel: 'Cancel',
  retry: 'Retry',
  versions: 'Versions',
  previousVersion: 'Previous version',
  nextVersion: 'Next version',
  versionOf: '{index} / {count}',
  sources: 'Sources',
  page: 'p. {page}',
  statusAborted: 'Stopped',
  statusInterrupted: 'Interrupted',
  statusError: 'Failed',
  answerStarted: 'The assistant is answering.',
  answerFinished: 'The answer is complete.',
  answerStopped: 'The answer was stopped.',
  answerFailed: 'The answer failed: {message}',
  imageBlocked: 'image not loaded',
  messagesLabel: 'Conversation',
  conversationsLabel: 'Conversations',
  newChat: 'New chat',
  searchConversations: 'Search conversations',
  rename: 'Rename',
  renameLabel: 'New title',
  delete: 'Delete',
  confirmDelete: 'Confirm delete',
  noConversations: 'No conversations yet',
  toggleSidebar: 'Toggle conversation list',
  untitled: 'New conversation',
  suggestionsLabel: 'Suggestions',
  scrollToLatest: 'Jump to the latest message',
  copyFailed: 'Could not copy',
  attachTo: 'Attach files to',
  attachToChat: 'This chat',
  attachToAll: 'All my chats',
  moreActions: 'More actions',
};

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}
