import type { ChatStore } from '../conversations/chat-store.js';
import type { Message, MessageAttachment, Owner } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';

/**
 * Where a new turn attaches in the conversation tree. `after` is the message the new user message
 * follows (null: the conversation's start); `question` is set when the user message already exists
 * (regenerate), so only a new answer is written, as a sibling of the earlier ones. `attachments` are
 * the files of the message an edit replaces: the edited message keeps them.
 */
export interface Branch {
  after: string | null;
  question?: Message;
  attachments?: MessageAttachment[];
}

const notFound = () => new CompanyChatError({ code: 'not_found', message: 'Message not found.' });

/** The branch of "regenerate this answer" (or "answer this question again"): a sibling answer. */
export async function regenerateBranch(
  store: ChatStore,
  owner: Owner,
  conversationId: string,
  messageId: string,
): Promise<{ branch: Branch; content: string }> {
  const target = await store.getMessage(owner, messageId);
  if (!target || target.conversationId !== conversationId) throw notFound();
  const question =
    target.role === 'user' ? target : target.parentId ? await store.getMessage(owner, target.parentId) : null;
  if (question?.role !== 'user') {
    throw new CompanyChatError({ code: 'invalid_request', message: 'This answer has no question to answer again.' });
  }
  return { branch: { after: question.parentId, question }, content: question.content };
}

/** The branch of "edit this question": a new user message beside the old one, then its answer. */
export async function editBranch(
  store: ChatStore,
  owner: Owner,
  conversationId: string,
  messageId: string,
): Promise<Branch> {
  const target = await store.getMessage(owner, messageId);
  if (!target || target.conversationId !== conversationId) throw notFound();
  if (target.role !== 'user') {
    throw new CompanyChatError({ code: 'invalid_request', message: 'Only your own messages can be edited.' });
  }
  return { after: target.parentId, attachments: target.attachments };
}
