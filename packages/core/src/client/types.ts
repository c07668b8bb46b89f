import type { MessageStatus } from '../conversations/types.js';
import type { FinishReason, TokenUsage } from '../providers/chat-model.js';
import type { Locator } from '../rag/chunk/chunk.js';
import type { ChatCitation } from './chat-message.js';

/** A conversation as the server sends it over HTTP (dates are ISO strings). */
export interface ConversationSummary {
  id: string;
  title: string;
  model: string | null;
  pinned?: boolean;
  archived?: boolean;
  /** Whether answers draw on the knowledge base (servers with a knowledge base). */
  useKnowledge?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A stored message as the server sends it over HTTP (dates are ISO strings). */
export interface StoredMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  model: string | null;
  usage: TokenUsage | null;
  finishReason: FinishReason | null;
  error: { code: string; message: string } | null;
  clientMessageId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Ids of this message's versions (itself included), oldest first, when the server tracks branches. */
  siblingIds?: string[];
  /** The passages an answer cites (servers that store them; absent on older ones). */
  citations?: ChatCitation[];
  /** The owner's rating of an answer, null when not rated (absent on older servers). */
  feedback?: StoredFeedback | null;
  /** Files sent with a user message (servers that store them). */
  attachments?: { fileId: string; name: string; sizeBytes: number }[];
}

/** A rating as the server stores it (`POST /conversations/:id/messages/:messageId/feedback`). */
export interface StoredFeedback {
  rating: 'up' | 'down';
  comment: string | null;
  /** ISO time of the rating. */
  at: string;
}

/** What `ChatClient.sendFeedback()` posts. */
export interface FeedbackInput {
  rating: 'up' | 'down';
  /** Optional, at most 2000 characters. */
  comment?: string;
}

/** A page of conversations; pass `nextCursor` back to read the next page. */
export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/** One conversation with its messages, oldest first. */
export interface ConversationWithMessages {
  conversation: ConversationSummary;
  messages: StoredMessage[];
}

/** A model alias the server offers. */
export interface ModelInfo {
  id: string;
  provider: string;
  modelId: string;
  default: boolean;
}

/** What `ChatClient.send()` posts to `POST /api/v1/chat`. */
export interface SendInput {
  content: string;
  /** Omit to start a new conversation. */
  conversationId?: string;
  /** Model alias; the server's default when omitted. */
  model?: string;
  /** Client-chosen id of the user message, so a retry of the same message is recognised. */
  clientMessageId?: string;
  /** Draw on the knowledge base; sets the conversation's switch. Omitted keeps the conversation's (on by default). */
  useKnowledge?: boolean;
  /** Ids of uploaded files sent with the message; the server stores their names with it. */
  attachments?: string[];
  /** Aborting it stops the answer (the server stores it as `aborted`). */
  signal?: AbortSignal;
}

/** One of the caller's limits in its current window (`GET /api/v1/quota`). */
export interface QuotaLimit {
  scope: 'user' | 'apiKey' | 'tenant';
  /** `tokensPerDay`, `tokensPerMonth`, `costPerMonth` (US dollars), ... */
  limit: string;
  used: number;
  /** Held by answers in flight. */
  reserved: number;
  /** The cap; null when this limit is not configured. */
  max: number | null;
  /** ISO time the window resets. */
  resetsAt: string;
}

/** The caller's quota: `enforced: false` (and no limits) when the server meters nothing. */
export interface QuotaStatus {
  enforced: boolean;
  tier?: string | null;
  limits: QuotaLimit[];
}

/** Fields `ChatClient.updateConversation()` changes (`PATCH /conversations/:id`). */
export interface ConversationUpdate {
  title?: string;
  pinned?: boolean;
  archived?: boolean;
  useKnowledge?: boolean;
}

/** What `ChatClient.regenerate()` needs: the answer (or question) to answer again. */
export interface RegenerateInput {
  conversationId: string;
  messageId: string;
  model?: string;
  signal?: AbortSignal;
}

/** What `ChatClient.editMessage()` needs: the user message to replace and its new text. */
export interface EditMessageInput {
  conversationId: string;
  messageId: string;
  content: string;
  model?: string;
  clientMessageId?: string;
  signal?: AbortSignal;
}

/** One passage (chunk) of a file, as `GET /files/:id/passages/:passageId` returns it. */
export interface FilePassageText {
  id: string;
  /** 0-based position in the file. */
  ordinal: number;
  text: string;
  /** The headings the passage sits under, outermost first. */
  headingPath: string[];
  /** Where the passage is in the original file (page, rows, lines, headings). */
  locator: Locator;
}

/** A cited passage with the passages before and after it (null at the file's start or end) and its file. */
export interface FilePassage {
  file: UploadedFile;
  passage: FilePassageText;
  previous: FilePassageText | null;
  next: FilePassageText | null;
}

/** A file in the user's knowledge base, as the server describes it after an upload. */
export interface UploadedFile {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  status: string;
  chunkCount?: number | null;
  pageCount?: number | null;
  /** 1, then one more each time new content was uploaded under the same name. */
  version?: number;
  /** Where the file is searched: one conversation's (`conversationId`), all of the user's, or shared. */
  scope?: { type: 'private'; conversationId?: string } | { type: 'shared'; collection: string };
  /** Set while `status` is `processing`: the ingestion step (`parsed`, `chunked`, …). */
  stage?: string | null;
  /** Set by `uploadFile()`: the same content was already in the same place, this is that file. */
  duplicate?: boolean;
  createdAt: string;
}
