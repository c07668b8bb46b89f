import type { ChatStore } from '../conversations/chat-store.js';
import { decodeConversationCursor, encodeConversationCursor } from '../conversations/conversation-cursor.js';
import { monotonicClock } from '../conversations/monotonic-clock.js';
import { newId } from '../conversations/new-id.js';
import type { MessageAttachment, Owner } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { isUuid } from './is-uuid.js';
import { prefixTsQuery } from './prefix-ts-query.js';
import type { SqlClient } from './sql-client.js';
import {
  CONVERSATION_COLUMNS,
  type ConversationRow,
  MESSAGE_COLUMNS,
  type MessageRow,
  messagePatchToSet,
  type StoredFeedback,
  toConversation,
  toFeedback,
  toMessage,
} from './sql-rows.js';

/** Options of {@link createSqlChatStore}. */
export interface SqlChatStoreOptions {
  /** Called by `close()` after the client is closed (e.g. to release a data-directory lock). */
  onClose?: () => Promise<void>;
}

// Postgres text cannot hold NUL; model output occasionally contains one. Dropping it beats failing the write.
const clean = (text: string) => text.replaceAll('\u0000', '');
// jsonb refuses NUL too (a file name is the user's).
const attachmentsJson = (list: MessageAttachment[] | undefined) =>
  list?.length ? JSON.stringify(list.map((a) => ({ ...a, name: clean(a.name) }))) : null;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/** A unique violation here is a reused client message id (a concurrent retry); anything else as it is. */
const duplicateClientIdOr = (error: unknown) =>
  isUniqueViolation(error)
    ? new CompanyChatError({
        code: 'conversation_busy',
        message: 'A message with this client message id was already sent.',
        cause: error,
      })
    : error;

/**
 * The {@link ChatStore} over SQL, shared by PGlite and PostgreSQL (same schema, same queries).
 * Every statement is parameterised and filters by the owner; malformed ids read as "not found"
 * without reaching the database. Run {@link migrate} on the client first.
 *
 * @example
 * ```ts
 * const client = createPgSqlClient({ connectionString });
 * await migrate(client);
 * const store = createSqlChatStore(client);
 * ```
 */
export function createSqlChatStore(db: SqlClient, options: SqlChatStoreOptions = {}): ChatStore {
  const now = () => clock().toISOString();
  const clock = monotonicClock();

  const getConversation = async (owner: Owner, id: string) => {
    if (!isUuid(id)) return null;
    const { rows } = await db.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1 AND c.tenant_id = $2 AND c.user_id = $3`,
      [id, owner.tenantId, owner.userId],
    );
    return rows[0] ? toConversation(rows[0]) : null;
  };

  const conversationExists = async (owner: Owner, id: string) =>
    (
      await db.query('SELECT 1 FROM conversations WHERE id = $1 AND tenant_id = $2 AND user_id = $3', [
        id,
        owner.tenantId,
        owner.userId,
      ])
    ).rows.length > 0;

  const insertConversation = async (
    client: SqlClient,
    owner: Owner,
    input: { title: string; model?: string | null; useKnowledge?: boolean },
    at: string,
    activeLeafId: string | null,
  ) => {
    const { rows } = await client.query<ConversationRow>(
      `INSERT INTO conversations AS c (id, tenant_id, user_id, title, model, use_knowledge, active_leaf_id,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${CONVERSATION_COLUMNS}`,
      [
        newId(),
        owner.tenantId,
        owner.userId,
        clean(input.title),
        input.model ?? null,
        input.useKnowledge ?? true,
        activeLeafId,
        at,
      ],
    );
    return toConversation(rows[0]!);
  };

  return {
    async createConversation(owner, input) {
      return insertConversation(db, owner, input, now(), null);
    },

    async startConversation(owner, input, message) {
      const at = now();
      const messageId = newId();
      try {
        // One transaction: a concurrent retry with the same client message id blocks on the unique index
        // (messages_client_message_id) until the first commits, then fails and rolls back its conversation.
        return await db.transaction(async (tx) => {
          const conversation = await insertConversation(tx, owner, input, at, messageId);
          const { rows } = await tx.query<MessageRow>(
            `INSERT INTO messages AS m (id, conversation_id, tenant_id, user_id, parent_id, role, content, status,
               client_message_id, created_at, updated_at, attachments)
             VALUES ($1, $2, $3, $4, NULL, 'user', $5, 'complete', $6, $7, $7, $8) RETURNING ${MESSAGE_COLUMNS}`,
            [
              messageId,
              conversation.id,
              owner.tenantId,
              owner.userId,
              clean(message.content),
              message.clientMessageId ?? null,
              at,
              attachmentsJson(message.attachments),
            ],
          );
          return { conversation, message: toMessage(rows[0]!) };
        });
      } catch (error) {
        throw duplicateClientIdOr(error);
      }
    },

    getConversation,

    async listConversations(owner, opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
      const params: unknown[] = [owner.tenantId, owner.userId];
      const where = ['c.tenant_id = $1', 'c.user_id = $2'];
      const archived = opts.archived ?? 'exclude';
      if (archived !== 'include') where.push(archived === 'only' ? 'c.archived' : 'NOT c.archived');
      if (opts.cursor) {
        const cursor = decodeConversationCursor(opts.cursor);
        if (!cursor || !isUuid(cursor.id)) {
          throw new CompanyChatError({ code: 'invalid_request', message: 'Invalid cursor.' });
        }
        params.push(cursor.updatedAt.toISOString(), cursor.id);
        where.push(`(c.updated_at, c.id) < ($${params.length - 1}, $${params.length})`);
      }
      const tsQuery = prefixTsQuery(opts.query ?? '');
      if (tsQuery) {
        params.push(tsQuery);
        const q = `to_tsquery('simple', $${params.length})`;
        // Messages carry their owner, so the GIN index finds matching conversations without a join.
        where.push(
          `(c.search @@ ${q} OR c.id IN (SELECT m.conversation_id FROM messages m
            WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.search @@ ${q}))`,
        );
      }
      params.push(limit + 1);
      const { rows } = await db.query<ConversationRow>(
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE ${where.join(' AND ')}
         ORDER BY c.updated_at DESC, c.id DESC LIMIT $${params.length}`,
        params,
      );
      const items = rows.slice(0, limit).map(toConversation);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeConversationCursor(last) : null };
    },

    async updateConversation(owner, id, patch) {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<ConversationRow>(
        `UPDATE conversations AS c SET
           title = CASE WHEN $4::boolean THEN $5 ELSE c.title END,
           pinned = COALESCE($6, c.pinned),
           archived = COALESCE($7, c.archived),
           model = CASE WHEN $8::boolean THEN $9 ELSE c.model END,
           use_knowledge = COALESCE($11, c.use_knowledge),
           updated_at = $10
         WHERE c.id = $1 AND c.tenant_id = $2 AND c.user_id = $3 RETURNING ${CONVERSATION_COLUMNS}`,
        [
          id,
          owner.tenantId,
          owner.userId,
          patch.title !== undefined,
          patch.title === undefined ? null : clean(patch.title),
          patch.pinned ?? null,
          patch.archived ?? null,
          patch.model !== undefined,
          patch.model ?? null,
          now(),
          patch.useKnowledge ?? null,
        ],
      );
      return rows[0] ? toConversation(rows[0]) : null;
    },

    async deleteConversation(owner, id) {
      if (!isUuid(id)) return false;
      const { rows } = await db.query(
        'DELETE FROM conversations WHERE id = $1 AND tenant_id = $2 AND user_id = $3 RETURNING id',
        [id, owner.tenantId, owner.userId],
      );
      return rows.length > 0;
    },

    async appendMessage(owner, input) {
      if (!isUuid(input.conversationId) || (input.parentId !== null && !isUuid(input.parentId))) return null;
      const id = newId();
      const at = now();
      try {
        // One statement: the message exists only if the conversation is the owner's, and the
        // conversation's activity time and active leaf move with it.
        const { rows } = await db.query<MessageRow>(
          `WITH c AS (
             UPDATE conversations SET updated_at = $4, active_leaf_id = $5
             WHERE id = $1 AND tenant_id = $2 AND user_id = $3 RETURNING id, tenant_id, user_id
           )
           INSERT INTO messages AS m (id, conversation_id, tenant_id, user_id, parent_id, role, content, status,
             model, client_message_id, created_at, updated_at, attachments)
           SELECT $5, c.id, c.tenant_id, c.user_id, $6, $7, $8, $9, $10, $11, $4, $4, $12 FROM c
           RETURNING ${MESSAGE_COLUMNS}`,
          [
            input.conversationId,
            owner.tenantId,
            owner.userId,
            at,
            id,
            input.parentId,
            input.role,
            clean(input.content),
            input.status,
            input.model ?? null,
            input.clientMessageId ?? null,
            attachmentsJson(input.attachments),
          ],
        );
        return rows[0] ? toMessage(rows[0]) : null;
      } catch (error) {
        throw duplicateClientIdOr(error);
      }
    },

    async updateMessage(owner, id, patch) {
      if (!isUuid(id)) return null;
      const cleaned = { ...patch };
      if (cleaned.content !== undefined) cleaned.content = clean(cleaned.content);
      if (cleaned.error) cleaned.error = { code: cleaned.error.code, message: clean(cleaned.error.message) };
      const { set, params } = messagePatchToSet(cleaned, 5);
      const { rows } = await db.query<MessageRow>(
        `WITH m AS (
           UPDATE messages AS m SET ${[...set, 'updated_at = $4'].join(', ')}
           FROM conversations c
           WHERE m.id = $1 AND c.id = m.conversation_id AND c.tenant_id = $2 AND c.user_id = $3
           RETURNING ${MESSAGE_COLUMNS}
         ), touched AS (
           UPDATE conversations SET updated_at = $4 WHERE id = (SELECT conversation_id FROM m)
         )
         SELECT * FROM m`,
        [id, owner.tenantId, owner.userId, now(), ...params],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },

    async listMessages(owner, conversationId) {
      if (!isUuid(conversationId)) return null;
      // LEFT JOIN: no row at all means "not the owner's"; one all-null row means "no messages yet".
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id
         WHERE c.id = $1 AND c.tenant_id = $2 AND c.user_id = $3 ORDER BY m.created_at, m.id`,
        [conversationId, owner.tenantId, owner.userId],
      );
      if (rows.length === 0) return null;
      return rows.filter((r) => r.id !== null).map(toMessage);
    },

    async setFeedback(owner, conversationId, messageId, feedback) {
      if (!isUuid(conversationId) || !isUuid(messageId)) return null;
      const stored: StoredFeedback = {
        rating: feedback.rating,
        comment: feedback.comment ? clean(feedback.comment) : null,
        at: now(),
      };
      const { rows } = await db.query<MessageRow>(
        `UPDATE messages AS m SET feedback = $5
         FROM conversations c
         WHERE m.id = $1 AND m.conversation_id = $2 AND m.role = 'assistant'
           AND c.id = m.conversation_id AND c.tenant_id = $3 AND c.user_id = $4
         RETURNING ${MESSAGE_COLUMNS}`,
        [messageId, conversationId, owner.tenantId, owner.userId, JSON.stringify(stored)],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },

    async listFeedback(tenantId, messageIds) {
      const ids = [...new Set(messageIds)].filter(isUuid);
      if (ids.length === 0) return [];
      const { rows } = await db.query<{
        id: string;
        conversation_id: string;
        user_id: string;
        feedback: StoredFeedback | string;
      }>(
        `SELECT m.id, m.conversation_id, m.user_id, m.feedback FROM messages m
         WHERE m.tenant_id = $1 AND m.feedback IS NOT NULL AND m.id IN (${ids.map((_, i) => `$${i + 2}`).join(', ')})`,
        [tenantId, ...ids],
      );
      return rows.map((r) => ({
        ...(toFeedback(r.feedback) as NonNullable<ReturnType<typeof toFeedback>>),
        messageId: r.id,
        conversationId: r.conversation_id,
        userId: r.user_id,
      }));
    },

    async getMessage(owner, id) {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.id = $1 AND c.tenant_id = $2 AND c.user_id = $3`,
        [id, owner.tenantId, owner.userId],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },

    async findMessageByClientId(owner, clientMessageId) {
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.client_message_id = $3
           AND c.tenant_id = $1 AND c.user_id = $2`,
        [owner.tenantId, owner.userId, clientMessageId],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },

    async setActiveLeaf(owner, conversationId, messageId) {
      if (!isUuid(conversationId) || !isUuid(messageId)) return null;
      const { rows } = await db.query<ConversationRow>(
        `UPDATE conversations AS c SET active_leaf_id = $4
         WHERE c.id = $1 AND c.tenant_id = $2 AND c.user_id = $3
           AND EXISTS (SELECT 1 FROM messages m WHERE m.id = $4 AND m.conversation_id = c.id)
         RETURNING ${CONVERSATION_COLUMNS}`,
        [conversationId, owner.tenantId, owner.userId, messageId],
      );
      return rows[0] ? toConversation(rows[0]) : null;
    },

    async lockConversation(owner, id, token, ttlMs) {
      if (!isUuid(id)) return null;
      // Atomic test-and-set on the row, with the database's clock: correct across server instances.
      const { rows } = await db.query(
        `UPDATE conversations SET busy_token = $4, busy_until = now() + $5 * interval '1 millisecond'
         WHERE id = $1 AND tenant_id = $2 AND user_id = $3
           AND (busy_token IS NULL OR busy_token = $4 OR busy_until < now())
         RETURNING id`,
        [id, owner.tenantId, owner.userId, token, Math.max(1, Math.round(ttlMs))],
      );
      if (rows.length > 0) return true;
      return (await conversationExists(owner, id)) ? false : null;
    },

    async unlockConversation(owner, id, token) {
      if (!isUuid(id)) return;
      await db.query(
        `UPDATE conversations SET busy_token = NULL, busy_until = NULL
         WHERE id = $1 AND tenant_id = $2 AND user_id = $3 AND busy_token = $4`,
        [id, owner.tenantId, owner.userId, token],
      );
    },

    async deleteOwnerData(owner) {
      return db.transaction(async (tx) => {
        const params = [owner.tenantId, owner.userId];
        // Messages and chunks go with their conversation and file (ON DELETE CASCADE).
        const { rows } = await tx.query(
          'DELETE FROM conversations WHERE tenant_id = $1 AND user_id = $2 RETURNING id',
          params,
        );
        // Files in a shared collection (migration 0002) belong to the tenant, not to whoever uploaded them.
        await tx.query('DELETE FROM files WHERE tenant_id = $1 AND user_id = $2 AND collection IS NULL', params);
        await tx.query('DELETE FROM usage_records WHERE tenant_id = $1 AND user_id = $2', params);
        await tx.query('DELETE FROM api_keys WHERE tenant_id = $1 AND user_id = $2', params);
        await tx.query('DELETE FROM users WHERE tenant_id = $1 AND id = $2', params);
        return { conversations: rows.length };
      });
    },

    async recoverInterrupted(opts = {}) {
      const staleAfterMs = Math.max(0, opts.staleAfterMs ?? 0);
      const { rows } = await db.query<{ n: number }>(
        `WITH m AS (
           UPDATE messages SET status = 'interrupted'
           WHERE status = 'streaming' AND ($1::int = 0 OR updated_at < now() - $1::int * interval '1 millisecond')
           RETURNING conversation_id
         ), unlocked AS (
           UPDATE conversations SET busy_token = NULL, busy_until = NULL WHERE id IN (SELECT conversation_id FROM m)
         )
         SELECT count(*)::int AS n FROM m`,
        [staleAfterMs],
      );
      return Number(rows[0]?.n ?? 0);
    },

    async recoverAbandoned() {
      // The database's clock decides expiry, as it does for taking the lock: right across instances.
      const { rows } = await db.query<{ n: number }>(
        `WITH m AS (
           UPDATE messages AS m SET status = 'interrupted'
           FROM conversations c
           WHERE m.status = 'streaming' AND c.id = m.conversation_id
             AND (c.busy_token IS NULL OR c.busy_until < now())
           RETURNING m.id
         ), unlocked AS (
           UPDATE conversations SET busy_token = NULL, busy_until = NULL
           WHERE busy_token IS NOT NULL AND busy_until < now()
         )
         SELECT count(*)::int AS n FROM m`,
      );
      return Number(rows[0]?.n ?? 0);
    },

    async ping() {
      await db.query('SELECT 1');
    },

    async close() {
      await db.close();
      await options.onClose?.();
    },
  };
}
