import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatStore } from './chat-store.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor.js';
import { monotonicClock } from './monotonic-clock.js';
import { newId } from './new-id.js';
import { matchesSearch, searchWords } from './search-words.js';
import type { Conversation, FeedbackRecord, Message, NewMessage, Owner } from './types.js';

const owns = (owner: Owner, row: { tenantId: string; userId: string }) =>
  row.tenantId === owner.tenantId && row.userId === owner.userId;

/** Sort key for listings: most recent activity first, ties broken by id so pages never overlap. */
const newestFirst = (a: Conversation, b: Conversation) =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

type StoredConversation = Conversation & { lock: { token: string; until: number } | null };

const duplicateClientId = () =>
  new CompanyChatError({
    code: 'conversation_busy',
    message: 'A message with this client message id was already sent.',
  });

const publicConversation = ({ lock: _lock, ...row }: StoredConversation): Conversation => ({ ...row });

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
  const conversations = new Map<string, StoredConversation>();
  const messages = new Map<string, Message[]>();
  // message id -> its row, so checkpoints are O(1) rather than a scan of every conversation.
  const messageById = new Map<string, Message>();
  const now = monotonicClock();

  const ownConversation = (owner: Owner, id: string) => {
    const row = conversations.get(id);
    return row && owns(owner, row) ? row : undefined;
  };
  const ownMessage = (owner: Owner, id: string) => {
    const row = messageById.get(id);
    return row && ownConversation(owner, row.conversationId) ? row : undefined;
  };
  const findByClientId = (owner: Owner, clientMessageId: string) => {
    for (const row of messageById.values()) {
      if (row.clientMessageId === clientMessageId && ownConversation(owner, row.conversationId)) return row;
    }
    return undefined;
  };
  const remove = (id: string) => {
    for (const m of messages.get(id) ?? []) messageById.delete(m.id);
    conversations.delete(id);
    messages.delete(id);
  };
  const matches = (c: Conversation, words: string[]) =>
    matchesSearch(words, c.title) || (messages.get(c.id) ?? []).some((m) => matchesSearch(words, m.content));

  const createRow = (owner: Owner, input: { title: string; model?: string | null; useKnowledge?: boolean }) => {
    const at = now();
    const row: StoredConversation = {
      id: newId(),
      tenantId: owner.tenantId,
      userId: owner.userId,
      title: input.title,
      model: input.model ?? null,
      pinned: false,
      archived: false,
      useKnowledge: input.useKnowledge ?? true,
      activeLeafId: null,
      createdAt: at,
      updatedAt: at,
      lock: null,
    };
    conversations.set(row.id, row);
    messages.set(row.id, []);
    return row;
  };
  const appendRow = (conversation: StoredConversation, input: NewMessage) => {
    const at = now();
    const row: Message = {
      id: newId(),
      conversationId: conversation.id,
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
      citations: [],
      feedback: null,
      attachments: structuredClone(input.attachments ?? []),
    };
    messages.get(conversation.id)?.push(row);
    messageById.set(row.id, row);
    conversation.updatedAt = at;
    conversation.activeLeafId = row.id;
    return row;
  };

  const store: ChatStore = {
    async createConversation(owner, input) {
      return publicConversation(createRow(owner, input));
    },

    async startConversation(owner, input, message) {
      // No await until both rows exist: the check and the writes run as one step, like a transaction.
      if (message.clientMessageId && findByClientId(owner, message.clientMessageId)) throw duplicateClientId();
      const conversation = createRow(owner, input);
      const first = appendRow(conversation, {
        conversationId: conversation.id,
        parentId: null,
        role: 'user',
        content: message.content,
        status: 'complete',
        clientMessageId: message.clientMessageId ?? null,
        attachments: message.attachments,
      });
      return { conversation: publicConversation(conversation), message: structuredClone(first) };
    },

    async getConversation(owner, id) {
      const row = ownConversation(owner, id);
      return row ? publicConversation(row) : null;
    },

    async listConversations(owner, options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      let cursor = null;
      if (options.cursor) {
        cursor = decodeConversationCursor(options.cursor);
        if (!cursor) throw new CompanyChatError({ code: 'invalid_request', message: 'Invalid cursor.' });
      }
      const archived = options.archived ?? 'exclude';
      const words = searchWords(options.query ?? '');
      const mine = [...conversations.values()]
        .filter((c) => owns(owner, c))
        .filter((c) => archived === 'include' || c.archived === (archived === 'only'))
        .filter((c) => words.length === 0 || matches(c, words))
        .sort(newestFirst);
      const after = cursor
        ? mine.filter(
            (c) =>
              c.updatedAt.getTime() < cursor.updatedAt.getTime() ||
              (c.updatedAt.getTime() === cursor.updatedAt.getTime() && c.id < cursor.id),
          )
        : mine;
      const items = after.slice(0, limit).map(publicConversation);
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
      if (patch.useKnowledge !== undefined) row.useKnowledge = patch.useKnowledge;
      row.updatedAt = now();
      return publicConversation(row);
    },

    async deleteConversation(owner, id) {
      if (!ownConversation(owner, id)) return false;
      remove(id);
      return true;
    },

    async appendMessage(owner, input) {
      const conversation = ownConversation(owner, input.conversationId);
      if (!conversation) return null;
      if (input.clientMessageId && findByClientId(owner, input.clientMessageId)) throw duplicateClientId();
      return structuredClone(appendRow(conversation, input));
    },

    async updateMessage(owner, id, patch) {
      const row = ownMessage(owner, id);
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

    async setFeedback(owner, conversationId, messageId, feedback) {
      const row = ownMessage(owner, messageId);
      if (!row || row.conversationId !== conversationId || row.role !== 'assistant') return null;
      row.feedback = { rating: feedback.rating, comment: feedback.comment || null, at: now() };
      return structuredClone(row);
    },

    async listFeedback(tenantId, messageIds) {
      const found: FeedbackRecord[] = [];
      for (const id of new Set(messageIds)) {
        const row = messageById.get(id);
        const conversation = row && conversations.get(row.conversationId);
        if (!row?.feedback || conversation?.tenantId !== tenantId) continue;
        found.push({
          ...structuredClone(row.feedback),
          messageId: id,
          conversationId: row.conversationId,
          userId: conversation.userId,
        });
      }
      return found;
    },

    async getMessage(owner, id) {
      const row = ownMessage(owner, id);
      return row ? structuredClone(row) : null;
    },

    async findMessageByClientId(owner, clientMessageId) {
      const row = findByClientId(owner, clientMessageId);
      return row ? structuredClone(row) : null;
    },

    async setActiveLeaf(owner, conversationId, messageId) {
      const conversation = ownConversation(owner, conversationId);
      const message = messageById.get(messageId);
      if (!conversation || message?.conversationId !== conversationId) return null;
      conversation.activeLeafId = messageId;
      return publicConversation(conversation);
    },

    async lockConversation(owner, id, token, ttlMs) {
      const row = ownConversation(owner, id);
      if (!row) return null;
      const at = Date.now();
      if (row.lock && row.lock.token !== token && row.lock.until > at) return false;
      row.lock = { token, until: at + ttlMs };
      return true;
    },

    async unlockConversation(owner, id, token) {
      const row = ownConversation(owner, id);
      if (row?.lock?.token === token) row.lock = null;
    },

    async deleteOwnerData(owner) {
      let count = 0;
      for (const row of [...conversations.values()]) {
        if (!owns(owner, row)) continue;
        remove(row.id);
        count++;
      }
      return { conversations: count };
    },

    async recoverInterrupted(options = {}) {
      const staleAfterMs = options.staleAfterMs ?? 0;
      const cutoff = Date.now() - staleAfterMs;
      let count = 0;
      for (const row of messageById.values()) {
        if (row.status === 'streaming' && (staleAfterMs <= 0 || row.updatedAt.getTime() <= cutoff)) {
          row.status = 'interrupted';
          const conversation = conversations.get(row.conversationId);
          if (conversation) conversation.lock = null;
          count++;
        }
      }
      return count;
    },

    async recoverAbandoned() {
      const at = Date.now();
      let count = 0;
      for (const row of messageById.values()) {
        const lock = conversations.get(row.conversationId)?.lock;
        if (row.status === 'streaming' && (!lock || lock.until < at)) {
          row.status = 'interrupted';
          count++;
        }
      }
      for (const conversation of conversations.values()) {
        if (conversation.lock && conversation.lock.until < at) conversation.lock = null;
      }
      return count;
    },

    async ping() {},

    async close() {},
  };
  return store;
}
