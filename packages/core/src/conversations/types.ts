import type { FinishReason, TokenUsage } from '../providers/chat-model.js';
import type { Locator } from '../rag/chunk/chunk.js';

/**
 * Who owns a row. Every store query filters by both fields, so one user can never read or change
 * another's data, even with a guessed id.
 */
export interface Owner {
  tenantId: string;
  userId: string;
}

/** A conversation's metadata (its messages are read separately). */
export interface Conversation {
  id: string;
  tenantId: string;
  userId: string;
  title: string;
  /** Model alias last used in this conversation. */
  model: string | null;
  pinned: boolean;
  archived: boolean;
  /** Whether answers in this conversation draw on the knowledge base (default true). */
  useKnowledge: boolean;
  /**
   * The last message of the branch being shown. Every new message becomes the active leaf; switching
   * branches sets it to another leaf. Null while the conversation is empty.
   */
  activeLeafId: string | null;
  createdAt: Date;
  /** Time of the last message or change: listings sort by it, newest first. */
  updatedAt: Date;
}

/**
 * `streaming` while the answer is being written; `complete` on success; `aborted` when the client went
 * away or pressed stop; `error` when the provider failed; `interrupted` when the process died mid-stream.
 */
export type MessageStatus = 'streaming' | 'complete' | 'aborted' | 'error' | 'interrupted';

/**
 * A knowledge-base passage an answer cites, numbered like its `[n]` marker in the text. Stored with the
 * answer, so the markers keep pointing at their sources when the conversation is read again.
 */
export interface MessageCitation {
  /** 1-based, as in `[1]`. */
  index: number;
  fileId: string;
  fileName: string;
  /** The page of a paginated document (PDF), when known. */
  page?: number;
  /** The headings the passage sits under (`Chapter › Section`), when the document has any. */
  section?: string;
  /** The passage (chunk) id within the file: open it with `GET /files/:fileId/passages/:passageId`. */
  passageId?: string;
  /** Where the passage is in its file (page, rows, lines, heading path); absent on citations stored before. */
  locator?: Locator;
  /** The short excerpt a client shows. */
  snippet: string;
}

/** How the user rated an answer. */
export type FeedbackRating = 'up' | 'down';

/** A user's rating of one answer, with an optional comment. Setting it again replaces it. */
export interface MessageFeedback {
  rating: FeedbackRating;
  comment: string | null;
  at: Date;
}

/** Feedback as an admin report reads it: which answer, and its rating. */
export interface FeedbackRecord extends MessageFeedback {
  messageId: string;
  conversationId: string;
  userId: string;
}

/** A file sent with a user message: what the message shows of it, kept even after the file is deleted. */
export interface MessageAttachment {
  fileId: string;
  name: string;
  sizeBytes: number;
}

/** One message of a conversation. */
export interface Message {
  id: string;
  conversationId: string;
  /** The message this one answers or follows; null for the first. Siblings share a parent (branches). */
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  /** Model alias that produced an assistant message. */
  model: string | null;
  /** Provider and upstream model id that actually answered (after routing and fallback). */
  provider: string | null;
  providerModel: string | null;
  usage: TokenUsage | null;
  finishReason: FinishReason | null;
  /** Error code and message for `error` status. */
  error: { code: string; message: string } | null;
  /** Client-chosen id of the user message, for idempotent retries. */
  clientMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Milliseconds from the provider call to the first token. */
  timeToFirstTokenMs: number | null;
  /** Milliseconds from the provider call to the end of the stream. */
  durationMs: number | null;
  /** The passages an answer cites (only those its text marks `[n]`); empty for user messages. */
  citations: MessageCitation[];
  /** The owner's rating of an answer; null when not rated. */
  feedback: MessageFeedback | null;
  /** Files the user sent with this message (empty for answers). */
  attachments: MessageAttachment[];
}

/** Fields given when creating a message; the store fills ids and timestamps. */
export interface NewMessage {
  conversationId: string;
  parentId: string | null;
  role: Message['role'];
  content: string;
  status: MessageStatus;
  model?: string | null;
  clientMessageId?: string | null;
  attachments?: MessageAttachment[];
}

/** Fields that change while an answer streams and when it ends. */
export interface MessagePatch {
  content?: string;
  status?: MessageStatus;
  model?: string | null;
  provider?: string | null;
  providerModel?: string | null;
  usage?: TokenUsage | null;
  finishReason?: FinishReason | null;
  error?: { code: string; message: string } | null;
  timeToFirstTokenMs?: number | null;
  durationMs?: number | null;
  citations?: MessageCitation[];
}

/** Fields a user may change on a conversation. */
export interface ConversationPatch {
  title?: string;
  pinned?: boolean;
  archived?: boolean;
  model?: string | null;
  useKnowledge?: boolean;
}

/** A page of a listing. `nextCursor` is opaque; null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Options for listing conversations. */
export interface ListConversationsOptions {
  limit?: number;
  cursor?: string | null;
  /**
   * Full-text search: every word must start a word of the title, or of one message's text
   * (prefix match, case-insensitive, no stemming).
   */
  query?: string;
  /** Archived conversations: hidden by default (`exclude`), shown too (`include`) or alone (`only`). */
  archived?: 'exclude' | 'include' | 'only';
}

/** Options of {@link ChatStore.recoverInterrupted}. */
export interface RecoverOptions {
  /**
   * Only messages not written for this long. Default 0 (all): right for one process (PGlite); with
   * several instances on one PostgreSQL, pass more than the checkpoint interval so another live
   * instance's answers are left alone.
   */
  staleAfterMs?: number;
}
