import type { MessageCitation, MessageStatus } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { limitOf } from './client-error.js';
import type { StoredMessage } from './types.js';

/**
 * A failure as a UI needs it. `message` is the server's text, meant for developers and logs: show
 * end users words chosen by `code` instead (the widget's `strings` do).
 */
export interface ChatErrorInfo {
  code: string;
  message: string;
  retryable: boolean;
  /** How long to wait before trying again, when the server said (`Retry-After`). */
  retryAfterMs?: number;
  /** When trying again can help (ISO time): the moment the failure arrived plus `retryAfterMs`. */
  retryAt?: string;
  /** The limit that was reached (`tokensPerDay`, `messagesPerMinute`...), for quota and rate errors. */
  limit?: string;
}

/** A knowledge-base passage an answer cites, numbered like its `[n]` marker (as the server stores it). */
export type ChatCitation = MessageCitation;

/** How the user rated an answer (thumbs up or down, with an optional comment). */
export interface ChatFeedback {
  rating: 'up' | 'down';
  comment: string | null;
}

/** A file sent with a user message, as the message shows it. */
export interface ChatAttachment {
  fileId: string;
  name: string;
  sizeBytes?: number;
}

/** A message as the UI shows it. `pending` marks a user message the server has not confirmed yet. */
export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus | 'pending';
  model: string | null;
  createdAt: string;
  error: ChatErrorInfo | null;
  clientMessageId: string | null;
  /** Ids of this message's versions (itself included) when there are branches; null when unknown. */
  siblingIds: string[] | null;
  /** The passages the answer cites, also after a reload (servers that store them). */
  citations: ChatCitation[];
  /** The user's rating of an answer; null when not rated. */
  feedback: ChatFeedback | null;
  /** Files the user sent with this message (set by `send(content, { attachments })`). */
  attachments?: ChatAttachment[];
}

let localIds = 0;
const localId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(localIds++).toString(36)}`;

/** True for ids the client made up before the server named the message. */
export const isLocal = (id: string): boolean => id.startsWith('local-');

/** A message created on the client, before the server confirms it. */
export function newMessage(
  role: ChatMessage['role'],
  content: string,
  clientMessageId: string | null = null,
): ChatMessage {
  return {
    id: localId(`local-${role}`),
    role,
    content,
    status: 'pending',
    model: null,
    createdAt: new Date().toISOString(),
    error: null,
    clientMessageId,
    siblingIds: null,
    citations: [],
    feedback: null,
  };
}

/** A stored message as the UI shows it. */
export function fromStored(m: StoredMessage): ChatMessage {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    model: m.model,
    createdAt: m.createdAt,
    error: m.error ? { ...m.error, retryable: false } : null,
    clientMessageId: m.clientMessageId,
    siblingIds: m.siblingIds && m.siblingIds.length > 1 ? m.siblingIds : null,
    // Older servers store no citations: the list is empty rather than missing.
    citations: m.citations ?? [],
    feedback: m.feedback ? { rating: m.feedback.rating, comment: m.feedback.comment ?? null } : null,
    ...(m.attachments?.length ? { attachments: m.attachments } : {}),
  };
}

/** An error as it arrived (an SSE `error` event's `error`), with `retryAt` fixed from now. */
export function withRetryAt(error: Omit<ChatErrorInfo, 'retryAt'>, now = Date.now()): ChatErrorInfo {
  return error.retryAfterMs === undefined
    ? { ...error }
    : { ...error, retryAt: new Date(now + error.retryAfterMs).toISOString() };
}

/** The UI form of any failure. */
export function toInfo(error: unknown): ChatErrorInfo {
  if (CompanyChatError.isInstance(error)) {
    const limit = limitOf(error);
    return withRetryAt({
      code: error.code,
      message: error.message,
      retryable: error.isRetryable,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      ...(limit === undefined ? {} : { limit }),
    });
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), retryable: true };
}

/** A fresh client message id (a UUID where available). */
export function newClientMessageId(): string {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts; intranet pages on plain http still get a unique id.
  if (typeof c?.randomUUID === 'function' && globalThis.isSecureContext !== false) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
