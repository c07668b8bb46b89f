/**
 * Per-conversation knowledge switch: the user chooses whether answers in a conversation
 * draw on the knowledge base. Existing conversations keep using it, as they did before.
 */
export const migration0005ConversationKnowledge = `
ALTER TABLE conversations ADD COLUMN use_knowledge boolean NOT NULL DEFAULT true;
`;
