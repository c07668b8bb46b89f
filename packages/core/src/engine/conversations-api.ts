import type { ChatStore } from '../conversations/chat-store.js';
import { activePath, newestLeafUnder, withSiblings } from '../conversations/conversation-tree.js';
import { conversationToJson, conversationToMarkdown, exportOwnerData } from '../conversations/export-conversation.js';
import type { Owner } from '../conversations/types.js';
import type { ChatEngine, ConversationWithMessages } from './chat-engine.js';

/**
 * The engine's history operations over a store: every one takes the owner, and another owner's
 * conversation reads as missing (null / false).
 */
export function createConversationsApi(store: ChatStore): ChatEngine['conversations'] {
  const get = async (owner: Owner, id: string): Promise<ConversationWithMessages | null> => {
    const [conversation, messages] = await Promise.all([
      store.getConversation(owner, id),
      store.listMessages(owner, id),
    ]);
    if (!conversation || !messages) return null;
    return { conversation, messages: withSiblings(activePath(messages, conversation.activeLeafId), messages) };
  };
  return {
    create: (owner, input = {}) =>
      store.createConversation(owner, { title: input.title ?? '', useKnowledge: input.useKnowledge ?? true }),
    list: (owner, options) => store.listConversations(owner, options),
    get,
    rename: (owner, id, title) => store.updateConversation(owner, id, { title }),
    update: (owner, id, patch) => store.updateConversation(owner, id, patch),
    delete: (owner, id) => store.deleteConversation(owner, id),
    async setActiveBranch(owner, id, messageId) {
      const messages = await store.listMessages(owner, id);
      const leaf = messages && newestLeafUnder(messages, messageId);
      if (!leaf || !(await store.setActiveLeaf(owner, id, leaf))) return null;
      return get(owner, id);
    },
    async export(owner, id, format) {
      const [conversation, messages] = await Promise.all([
        store.getConversation(owner, id),
        store.listMessages(owner, id),
      ]);
      if (!conversation || !messages) return null;
      return format === 'md'
        ? { format, body: conversationToMarkdown(conversation, messages) }
        : { format, body: conversationToJson(conversation, messages) };
    },
    exportAll: (owner) => exportOwnerData(store, owner),
    deleteAll: (owner) => store.deleteOwnerData(owner),
    setFeedback: (owner, id, messageId, feedback) => store.setFeedback(owner, id, messageId, feedback),
    listFeedback: (tenantId, messageIds) => store.listFeedback(tenantId, messageIds),
  };
}
