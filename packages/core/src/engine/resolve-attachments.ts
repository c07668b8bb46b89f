import type { MessageAttachment, Owner } from '../conversations/types.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { KnowledgeBase } from '../rag/create-knowledge-base.js';

/**
 * The files a user message says it carries, checked before anything is stored: each must be a file the
 * owner may read (their own or a shared one), else the request fails with `not_found` like any other id
 * of someone else's. The message keeps a snapshot (id, name, size) that outlives the file.
 */
export async function resolveAttachments(
  knowledge: KnowledgeBase | undefined,
  owner: Owner,
  fileIds: readonly string[] | undefined,
): Promise<MessageAttachment[]> {
  if (!fileIds?.length) return [];
  const ids = [...new Set(fileIds)];
  const files = knowledge ? await Promise.all(ids.map((id) => knowledge.getFile(owner, id))) : [];
  return ids.map((id, i) => {
    const file = files[i];
    if (!file) throw new CompanyChatError({ code: 'not_found', message: `File ${JSON.stringify(id)} was not found.` });
    return { fileId: file.id, name: file.name, sizeBytes: file.sizeBytes };
  });
}
