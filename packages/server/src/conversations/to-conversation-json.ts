import type { Conversation } from '@company-chat/core';

/** A conversation as the API shows it: the owner's ids stay server-side. */
export function toConversationJson(conversation: Conversation) {
  const { tenantId: _tenantId, userId: _userId, ...rest } = conversation;
  return rest;
}
