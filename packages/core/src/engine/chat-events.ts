import type { MessageStatus } from '../conversations/types.js';
import type { FinishReason, TokenUsage } from '../providers/chat-model.js';
import type { Locator } from '../rag/chunk/chunk.js';

/**
 * The events `engine.send()` yields, in order:
 * `conversation` → `message-start` → `text-delta`* → `usage`? → `message-end`,
 * or an `error` at any point (after which, if an answer had started, `message-end` still follows with
 * status `error`/`aborted` so clients always learn the final state). The server relays each one as an
 * SSE event whose `event:` is the type and whose `data:` is this object as JSON.
 */
export type ChatEvent =
  | ConversationEvent
  | MessageStartEvent
  | TextDeltaEvent
  | CitationEvent
  | UsageEvent
  | MessageEndEvent
  | ErrorEvent;

/** First event: the conversation the turn belongs to (new or existing). */
export interface ConversationEvent {
  type: 'conversation';
  conversation: { id: string; title: string; createdAt: string; updatedAt: string };
  /** True when this send created the conversation. */
  created: boolean;
}

/** The user message is stored and the assistant message begins. */
export interface MessageStartEvent {
  type: 'message-start';
  userMessageId: string;
  messageId: string;
  /** The model alias answering. */
  model: string;
}

/** A piece of the answer's text. */
export interface TextDeltaEvent {
  type: 'text-delta';
  messageId: string;
  delta: string;
}

/**
 * A knowledge-base passage the answer draws on, numbered like its `[n]` marker in the text. Sent after
 * `message-start` (before or between text deltas); `snippet` is the excerpt a client shows.
 */
export interface CitationEvent {
  type: 'citation';
  messageId: string;
  /** 1-based, as in `[1]`. */
  index: number;
  fileId: string;
  fileName: string;
  page?: number;
  snippet: string;
  /** The cited chunk: open it with `GET /files/:fileId/passages/:passageId`. */
  passageId: string;
  /** Where the passage is in the file (page, rows, lines, heading path). */
  locator: Locator;
}

/** Token usage for the answer, when the provider reported it. */
export interface UsageEvent {
  type: 'usage';
  messageId: string;
  usage: TokenUsage;
}

/** The answer ended; it is stored with this status. */
export interface MessageEndEvent {
  type: 'message-end';
  messageId: string;
  status: Exclude<MessageStatus, 'streaming'>;
  finishReason: FinishReason | null;
  usage: TokenUsage | null;
  timeToFirstTokenMs: number | null;
  durationMs: number;
  /**
   * True when the store could not take the final write when the answer ended (a database outage): the
   * server keeps the answer in memory and retries until it is stored, with exactly the text streamed.
   * Until then the conversation answers `conversation_busy` and reading it may show the answer still
   * `streaming` with less text. Absent when the answer is stored.
   */
  savePending?: true;
}

/** Something failed. `messageId` is set when an answer had started (its partial text is kept). */
export interface ErrorEvent {
  type: 'error';
  messageId?: string;
  /** `retryAfterMs`: how long to wait before trying again, when the failure said (a provider's 429). */
  error: { code: string; message: string; retryable: boolean; retryAfterMs?: number };
}
