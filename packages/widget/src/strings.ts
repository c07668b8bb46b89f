import type { PassageStrings } from './citations/passage-strings.js';
import type { FeedbackStrings } from './elements/feedback-strings.js';
import type { SidebarStrings } from './elements/sidebar-strings.js';
import type { ChatToolsStrings } from './tools/chat-tools-strings.js';

/**
 * Every user-visible string of `<company-chat>`; override any of them through the `strings` property.
 * The strings of the lazily loaded parts (the conversation list {@link SidebarStrings}, "More actions"
 * {@link ChatToolsStrings}, feedback {@link FeedbackStrings}, the passage viewer {@link PassageStrings})
 * have their defaults in those parts.
 */
export interface CompanyChatStrings
  extends Partial<SidebarStrings>,
    Partial<ChatToolsStrings>,
    Partial<FeedbackStrings>,
    Partial<PassageStrings> {
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
  /** A used-up budget that is neither daily nor monthly. `{time}` is replaced. */
  quotaUsedUp: string;
  /** `{time}` (when the daily budget resets) is replaced. */
  quotaUsedUpToday: string;
  /** `{time}` is replaced. */
  quotaUsedUpMonth: string;
  /** A used-up budget when the server did not say when it resets. */
  quotaUsedUpNoTime: string;
  /** 90% or more of the daily budget used. `{percent}` is replaced. */
  quotaWarningToday: string;
  /** `{percent}` is replaced. */
  quotaWarningMonth: string;
  /** Too many messages in a short time. `{time}` (when sending works again) is replaced. */
  rateLimited: string;
  rateLimitedNoTime: string;
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
  /** Where a cited passage is in a table or text file: `{n}` is replaced. */
  row: string;
  /** `{from}` and `{to}` are replaced. */
  rows: string;
  /** `{n}` is replaced. */
  line: string;
  /** `{from}` and `{to}` are replaced. */
  lines: string;
  statusAborted: string;
  statusInterrupted: string;
  statusError: string;
  answerStarted: string;
  answerFinished: string;
  answerStopped: string;
  answerFailed: string;
  imageBlocked: string;
  messagesLabel: string;
  newChat: string;
  /** The button that shows the recent chats (launcher and inline modes). */
  recentChats: string;
  toggleSidebar: string;
  /** Every error a user can meet, chosen by its code (no HTTP codes, vendor names or key advice). */
  errorNetwork: string;
  errorSignedOut: string;
  errorForbidden: string;
  errorNotFound: string;
  errorBusy: string;
  errorConversationTooLong: string;
  errorMessageTooLong: string;
  errorRejected: string;
  errorRequest: string;
  errorUnavailable: string;
  errorOverloaded: string;
  errorTimeout: string;
  errorNotSupported: string;
  errorFileUnreadable: string;
  errorFilePassword: string;
  errorFileEmpty: string;
  errorFileTooLarge: string;
  errorFileTimeout: string;
  errorGeneric: string;
  /** The summary of the disclosure under an error. */
  errorDetails: string;
  /** Inside that disclosure. `{code}` is replaced. */
  errorCode: string;
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
  quotaUsedUp: 'You have used your allowance. It resets at {time}.',
  quotaUsedUpToday: "You have used today's allowance. It resets at {time}.",
  quotaUsedUpMonth: "You have used this month's allowance. It resets on {time}.",
  quotaUsedUpNoTime: 'You have used your allowance for now.',
  quotaWarningToday: "You have used {percent}% of today's allowance.",
  quotaWarningMonth: "You have used {percent}% of this month's allowance.",
  rateLimited: 'You are sending messages faster than allowed. You can continue at {time}.',
  rateLimitedNoTime: 'You are sending messages faster than allowed. Wait a moment, then try again.',
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
  row: 'row {n}',
  rows: 'rows {from}–{to}',
  line: 'line {n}',
  lines: 'lines {from}–{to}',
  statusAborted: 'Stopped',
  statusInterrupted: 'Interrupted',
  statusError: 'Failed',
  answerStarted: 'The assistant is answering.',
  answerFinished: 'The answer is complete.',
  answerStopped: 'The answer was stopped.',
  answerFailed: 'The answer failed: {message}',
  imageBlocked: 'image not loaded',
  messagesLabel: 'Conversation',
  newChat: 'New chat',
  recentChats: 'Recent chats',
  toggleSidebar: 'Toggle conversation list',
  errorNetwork: "The chat service can't be reached. Check your connection, then try again.",
  errorSignedOut: 'Your sign-in has expired. Reload the page to continue.',
  errorForbidden: "You don't have access to this chat. Ask your administrator if you need it.",
  errorNotFound: 'This conversation or message no longer exists.',
  errorBusy: 'An answer is still being written. Try again in a moment.',
  errorConversationTooLong: 'This conversation is too long for the assistant. Start a new chat to go on.',
  errorMessageTooLong: 'Your message is too long. Shorten it and try again.',
  errorRejected: 'The assistant could not answer this request. Try rephrasing it.',
  errorRequest: 'Something went wrong with that request. Try again.',
  errorUnavailable: 'The assistant is unavailable right now. Try again in a few minutes.',
  errorOverloaded: 'The assistant is very busy right now. Try again in a moment.',
  errorTimeout: 'The assistant took too long to answer. Try again.',
  errorNotSupported: "This chat doesn't offer that yet.",
  errorFileUnreadable: 'This file could not be read.',
  errorFilePassword: 'This file is password-protected. Remove the password and upload it again.',
  errorFileEmpty: 'This file is empty.',
  errorFileTooLarge: 'This file is too large, or has too many parts, to be read.',
  errorFileTimeout: 'Reading this file took too long.',
  errorGeneric: 'Something went wrong. Try again.',
  errorDetails: 'Details',
  errorCode: 'Error code: {code}',
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
