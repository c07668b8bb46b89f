/**
 * Files sent with a user message (`[{ fileId, name, sizeBytes }]`), so a conversation read back shows
 * them under the message. A snapshot, not a reference: the list stays when a file is deleted later.
 */
export const migration0010MessageAttachments = `
ALTER TABLE messages ADD COLUMN attachments jsonb;
`;
