import type {
  Conversation,
  FeedbackRating,
  Message,
  MessageAttachment,
  MessageCitation,
  MessageFeedback,
  MessagePatch,
} from '../conversations/types.js';
import type { FinishReason } from '../providers/chat-model.js';

/** Columns read for a conversation (never the tsvector or the lock). */
export const CONVERSATION_COLUMNS =
  'c.id, c.tenant_id, c.user_id, c.title, c.model, c.pinned, c.archived, c.use_knowledge, c.active_leaf_id, c.created_at, c.updated_at';

/** Columns read for a message. */
export const MESSAGE_COLUMNS =
  'm.id, m.conversation_id, m.parent_id, m.role, m.content, m.status, m.model, m.provider, m.provider_model, ' +
  'm.input_tokens, m.output_tokens, m.total_tokens, m.finish_reason, m.error, m.client_message_id, ' +
  'm.time_to_first_token_ms, m.duration_ms, m.created_at, m.updated_at, m.citations, m.feedback, m.attachments';

/** A conversation row as the drivers return it. */
export interface ConversationRow {
  id: string;
  tenant_id: string;
  user_id: string;
  title: string;
  model: string | null;
  pinned: boolean;
  archived: boolean;
  use_knowledge: boolean;
  active_leaf_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A message row as the drivers return it. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: Message['role'];
  content: string;
  status: Message['status'];
  model: string | null;
  provider: string | null;
  provider_model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  finish_reason: FinishReason | null;
  error: { code: string; message: string } | string | null;
  client_message_id: string | null;
  attachments: MessageAttachment[] | string | null;
  time_to_first_token_ms: number | null;
  duration_ms: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  citations: MessageCitation[] | string | null;
  feedback: StoredFeedback | string | null;
}

/** The `feedback` column's JSON. */
export interface StoredFeedback {
  rating: FeedbackRating;
  comment: string | null;
  at: string;
}

// Drivers return jsonb parsed (pg, PGlite) but a text cast or an older driver may hand back the string.
const json = <T>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The `feedback` column as the public shape. */
export function toFeedback(value: StoredFeedback | string | null): MessageFeedback | null {
  const stored = json(value);
  return stored ? { rating: stored.rating, comment: stored.comment, at: new Date(stored.at) } : null;
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** Maps a conversation row to the public shape. */
export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    title: row.title,
    model: row.model,
    pinned: row.pinned,
    archived: row.archived,
    useKnowledge: row.use_knowledge,
    activeLeafId: row.active_leaf_id,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** Maps a message row to the public shape. */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    status: row.status,
    model: row.model,
    provider: row.provider,
    providerModel: row.provider_model,
    usage:
      row.input_tokens === null
        ? null
        : { inputTokens: row.input_tokens, outputTokens: row.output_tokens ?? 0, totalTokens: row.total_tokens ?? 0 },
    finishReason: row.finish_reason,
    error: typeof row.error === 'string' ? JSON.parse(row.error) : row.error,
    clientMessageId: row.client_message_id,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    timeToFirstTokenMs: row.time_to_first_token_ms,
    durationMs: row.duration_ms,
    citations: json(row.citations) ?? [],
    feedback: toFeedback(row.feedback),
    attachments: (typeof row.attachments === 'string' ? JSON.parse(row.attachments) : row.attachments) ?? [],
  };
}

/**
 * Turns a message patch into `SET` assignments. Column names come from this fixed list only; values
 * become parameters numbered from `firstParam`.
 */
export function messagePatchToSet(patch: MessagePatch, firstParam: number): { set: string[]; params: unknown[] } {
  const set: string[] = [];
  const params: unknown[] = [];
  const assign = (column: string, value: unknown) => {
    params.push(value);
    set.push(`${column} = $${firstParam + params.length - 1}`);
  };
  if (patch.content !== undefined) assign('content', patch.content);
  if (patch.status !== undefined) assign('status', patch.status);
  if (patch.model !== undefined) assign('model', patch.model);
  if (patch.provider !== undefined) assign('provider', patch.provider);
  if (patch.providerModel !== undefined) assign('provider_model', patch.providerModel);
  if (patch.usage !== undefined) {
    assign('input_tokens', patch.usage?.inputTokens ?? null);
    assign('output_tokens', patch.usage?.outputTokens ?? null);
    assign('total_tokens', patch.usage?.totalTokens ?? null);
  }
  if (patch.finishReason !== undefined) assign('finish_reason', patch.finishReason);
  if (patch.error !== undefined) assign('error', patch.error === null ? null : JSON.stringify(patch.error));
  if (patch.timeToFirstTokenMs !== undefined) assign('time_to_first_token_ms', patch.timeToFirstTokenMs);
  if (patch.durationMs !== undefined) assign('duration_ms', patch.durationMs);
  if (patch.citations !== undefined) assign('citations', JSON.stringify(patch.citations));
  return { set, params };
}
