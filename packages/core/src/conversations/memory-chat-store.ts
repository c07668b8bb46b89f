import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatStore } from './chat-store.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor.js';
import { newId } from './new-id.js';
import type { Conversation, Message, Owner } from './types.js';

const owns = (owner: Owner, row: { tenantId: string; userId: string }) =>
  row.tenantId === owner.tenantId && row.userId === owner.userId;

/** Sort key for listings: most recent activity first, ties broken by id so pages never overlap. */
const newestFirst = (a: Conversation, b: Conversation) =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Returns a strictly increasing clock so two writes in the same millisecond still order. */
function monotonicClock(): () => Date {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last);
  };
}

/**
 * An in-memory {@link ChatStore}: for tests, demos and single-process development. Data is lost on exit.
 * Rows are copied in and out so callers can never mutate stored state by accident.
 *
 * @example
 * ```ts
 * const engine = createChatEngine({ models, store: createMemoryChatStore() });
 * ```
 */
export function createMemoryChatStore(): ChatStore {
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, Message[]>();
  // message id -> its row, so checkpoints are O(1) rather than a scan of every conversation.
  const messageById = new Map<string, Message>();
  const now = monotonicClock();

  const ownConversation = (owner: Owner, id: string) => {
    const row = conversations.get(id);
    return row && owns(owner, row) ? row : undefined;
  };

  return {
    async createConversation(owner, input) {
      const at = now();
      const row: Conversation = {
        id: newId(),
        tenantId: owner.tenantId,
        userId: owner.userId,
        title: input.title,
        model: input.model ?? null,
        pinned: false,
        archived: false,
        createdAt: at,
        updatedAt: at,
      };
      conversations.set(row.id, row);
      messages.set(row.id, []);
      return { ...row };
    },

    async getConversation(owner, id) {
      const row = ownConversation(owner, id);
      return row ? { ...row } : null;
    },

    async listConversations(owner, options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      let cursor = null;
      if (options.cursor) {
        cursor = decodeConversationCursor(options.cursor);
        if (!cursor) throw new CompanyChatError({ code: 'invalid_request', message: 'Invalid cursor.' });
      }
      const mine = [...conversations.values()].filter((c) => owns(owner, c)).sort(newestFirst);
      const after = cursor
        ? mine.filter(
            (c) =>
              c.updatedAt.getTime() < cursor.updatedAt.getTime() ||
              (c.updatedAt.getTime() === cursor.updatedAt.getTime() && c.id < cursor.id),
          )
        : mine;
      const items = after.slice(0, limit).map((c) => ({ ...c }));
      const last = items[items.length - 1];
      const nextCursor = after.length > limit && last ? encodeConversationCursor(last) : null;
      return { items, nextCursor };
    },

    async updateConversation(owner, id, patch) {
      const row = ownConversation(owner, id);
      if (!row) return null;
      if (patch.title !== undefined) row.title = patch.title;
      if (patch.pinned !== undefined) row.pinned = patch.pinned;
      if (patch.archived !== undefined) row.archived = patch.archived;
      if (patch.model !== undefined) row.model = patch.model;
      row.updatedAt = now();
      return { ...row };
    },

    async deleteConversation(owner, id) {
      if (!ownConversation(owner, id)) return false;
      for (const m of messages.get(id) ?? []) messageById.delete(m.id);
      conversations.delete(id);
      messages.delete(id);
      return true;
    },

    async appendMessage(owner, input) {
      const conversation = ownConversation(owner, input.conversationId);
      if (!conversation) return null;
      const at = now();
      const row: Message = {
        id: newId(),
        conversationId: input.conversationId,
        parentId: input.parentId,
        role: input.role,
        content: input.content,
        status: input.status,
        model: input.model ?? null,
        provider: null,
        providerModel: null,
        usage: null,
        finishReason: null,
        error: null,
        clientMessageId: input.clientMessageId ?? null,
        createdAt: at,
        updatedAt: at,
        timeToFirstTokenMs: null,
        durationMs: null,
      };
      messages.get(conversation.id)?.push(row);
      messageById.set(row.id, row);
      conversation.updatedAt = at;
      return structuredClone(row);
    },

    async updateMessage(owner, id, patch) {
      const row = messageById.get(id);
      const conversation = row && ownConversation(owner, row.conversationId);
      if (!row || !conversation) return null;
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) (row as unknown as Record<string, unknown>)[key] = structuredClone(value);
      }
      row.updatedAt = now();
      conversation.updatedAt = row.updatedAt;
      return structuredClone(row);
    },

    async listMessages(owner, conversationId) {
      if (!ownConversation(owner, conversationId)) return null;
      return structuredClone(messages.get(conversationId) ?? []);
    },

    async recoverInterrupted() {
      let count = 0;
      for (const row of messageById.values()) {
        if (row.status === 'streaming') {
          row.status = 'interrupted';
          count++;
        }
      }
      return count;
    },

    async close() {},
  };
}
