import type { ChatStore } from './chat-store.js';
import { activePath } from './conversation-tree.js';
import type { Conversation, Message, Owner } from './types.js';

/** A conversation as exported: its metadata and every message of every branch, oldest first. */
export interface ConversationExport {
  format: 'company-chat.conversation.v1';
  exportedAt: string;
  conversation: Conversation;
  messages: Message[];
}

/** Everything an owner has (GDPR data portability). */
export interface OwnerExport {
  format: 'company-chat.export.v1';
  exportedAt: string;
  owner: Owner;
  conversations: Array<{ conversation: Conversation; messages: Message[] }>;
}

/** The JSON export of one conversation. */
export function conversationToJson(conversation: Conversation, messages: Message[]): ConversationExport {
  return { format: 'company-chat.conversation.v1', exportedAt: new Date().toISOString(), conversation, messages };
}

const statusNote: Partial<Record<Message['status'], string>> = {
  aborted: 'stopped',
  error: 'failed',
  interrupted: 'interrupted',
  streaming: 'still being written',
};

/**
 * The Markdown export of one conversation: the branch being shown, one section per message, with the
 * names of the files sent with it. Text is written as it is (it is Markdown already); only the headings
 * and the attachment lines are generated.
 */
export function conversationToMarkdown(conversation: Conversation, messages: Message[]): string {
  const lines = [`# ${conversation.title.replace(/\s+/g, ' ').trim() || 'Conversation'}`, ''];
  lines.push(
    `_Created ${conversation.createdAt.toISOString()}, last activity ${conversation.updatedAt.toISOString()}._`,
    '',
  );
  for (const m of activePath(messages, conversation.activeLeafId)) {
    const who = m.role === 'user' ? 'You' : `Assistant${m.model ? ` (${m.model})` : ''}`;
    const note = statusNote[m.status];
    lines.push(`## ${who}${note ? ` — ${note}` : ''}`, '', m.content, '');
    if (m.attachments?.length) lines.push(`Attachments: ${m.attachments.map((a) => a.name).join(', ')}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Collects every conversation (archived too) of an owner with its messages, for the GDPR export. */
export async function exportOwnerData(store: ChatStore, owner: Owner): Promise<OwnerExport> {
  const conversations: OwnerExport['conversations'] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listConversations(owner, { limit: 100, cursor, archived: 'include' });
    for (const conversation of page.items) {
      const messages = await store.listMessages(owner, conversation.id);
      if (messages) conversations.push({ conversation, messages });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return {
    format: 'company-chat.export.v1',
    exportedAt: new Date().toISOString(),
    owner: { tenantId: owner.tenantId, userId: owner.userId },
    conversations,
  };
}
