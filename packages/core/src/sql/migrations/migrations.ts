import { migration0003Identity } from '../../identity/sql-identity-migration.js';
import { migration0004Usage } from '../../usage/sql-usage-migration.js';
import { migration0001Initial } from './0001-initial.js';
import { migration0002Knowledge } from './0002-knowledge.js';
import { migration0005ConversationKnowledge } from './0005-conversation-knowledge.js';
import { migration0006AnswerLeases } from './0006-answer-leases.js';
import { migration0007FileVersions } from './0007-file-versions.js';
import { migration0008MessageCitations } from './0008-message-citations.js';
import { migration0009FileBlobs } from './0009-file-blobs.js';
import { migration0010MessageAttachments } from './0010-message-attachments.js';

/** One schema change. Applied in `id` order; never edited once released (add a new one instead). */
export interface Migration {
  id: string;
  sql: string;
}

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  { id: '0001-initial', sql: migration0001Initial },
  { id: '0002-knowledge', sql: migration0002Knowledge },
  { id: '0003-identity', sql: migration0003Identity },
  { id: '0004-usage', sql: migration0004Usage },
  { id: '0005-conversation-knowledge', sql: migration0005ConversationKnowledge },
  { id: '0006-answer-leases', sql: migration0006AnswerLeases },
  { id: '0007-file-versions', sql: migration0007FileVersions },
  { id: '0008-message-citations', sql: migration0008MessageCitations },
  { id: '0009-file-blobs', sql: migration0009FileBlobs },
  { id: '0010-message-attachments', sql: migration0010MessageAttachments },
];
