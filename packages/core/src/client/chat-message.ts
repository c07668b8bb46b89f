import type { MessageStatus } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { Locator } from '../rag/chunk/chunk.js';
import type { StoredMessage } from './types.js';

/** A failure as shown to the user. */
export interface ChatErrorInfo {
  code: string;
  message: string;
  retryable: boolean;
}

/** A knowledge-base passage an answer cites, numbered like its `[n]` marker. */
export interface ChatCitation {
  index: number;
  fileId: string;
  fileName: string;
  page?: number;
  snippet: string;
  /** The cited chunk, for `GET /files/:fileId/passages/:passageId` (absent from older servers). */
  passageId?: string;
  /** Where the passage is in its file (absent from older servers). */
  locator?: Locator;
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
  citations: ChatCitation[];
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
    citations: [],
  };
}

/** The user-facing form of any failure. */
export function toInfo(error: unknown): ChatErrorInfo {
  if (CompanyChatError.isInstance(error)) {
    return { code: error.code, message: error.message, retryable: error.isRetryable };
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
