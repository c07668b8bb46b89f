import type { ChatStore } from '../conversations/chat-store.js';
import type { Owner } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatEvent } from './chat-events.js';

/**
 * Idempotent retries: when the owner already sent a message with this client message id (a retry after
 * a lost response), returns the stored turn as events — `conversation`, `message-start`, its stored
 * `citation`s, the whole answer as one `text-delta`, `usage`, `message-end` — so the client ends in the same state without a
 * second provider call or a duplicate row. Null when the id is new. Throws `conversation_busy` while
 * the original answer is still being written.
 */
export async function replayTurn(store: ChatStore, owner: Owner, clientMessageId: string): Promise<ChatEvent[] | null> {
  const question = await store.findMessageByClientId(owner, clientMessageId);
  if (!question) return null;
  const [conversation, messages] = await Promise.all([
    store.getConversation(owner, question.conversationId),
    store.listMessages(owner, question.conversationId),
  ]);
  const answer = messages?.find((m) => m.parentId === question.id && m.role === 'assistant');
  if (!conversation || !answer || answer.status === 'streaming') {
    throw new CompanyChatError({
      code: 'conversation_busy',
      message: 'This message is still being answered; try again in a moment.',
      isRetryable: true,
    });
  }
  const events: ChatEvent[] = [
    {
      type: 'conversation',
      created: false,
      conversation: {
        id: conversation.id,
        title: conversation.title,
        createdAt: conversation.createdAt.toISOString(),
        updatedAt: conversation.updatedAt.toISOString(),
      },
    },
    { type: 'message-start', userMessageId: question.id, messageId: answer.id, model: answer.model ?? '' },
  ];
  for (const citation of answer.citations) events.push({ type: 'citation', messageId: answer.id, ...citation });
  if (answer.content) events.push({ type: 'text-delta', messageId: answer.id, delta: answer.content });
  if (answer.usage) events.push({ type: 'usage', messageId: answer.id, usage: answer.usage });
  events.push({
    type: 'message-end',
    messageId: answer.id,
    status: answer.status as Exclude<typeof answer.status, 'streaming'>,
    finishReason: answer.finishReason,
    usage: answer.usage,
    timeToFirstTokenMs: answer.timeToFirstTokenMs,
    durationMs: answer.durationMs ?? 0,
  });
  return events;
}
