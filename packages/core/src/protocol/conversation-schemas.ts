import { z } from 'zod';
import { storedMessageSchema } from './message-schemas.js';

/** A conversation (dates are ISO strings); the owner's ids stay server-side. */
export const conversationSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    /** Model alias last used in this conversation. */
    model: z.string().nullable(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
    /** Whether answers draw on the knowledge base (servers with a knowledge base). */
    useKnowledge: z.boolean().optional(),
    /** The last message of the branch being shown; null while empty. */
    activeLeafId: z.string().nullable().optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'Conversation',
    examples: [
      {
        id: 'c_01J9Z8',
        title: 'Travel policy',
        model: 'default',
        pinned: false,
        archived: false,
        useKnowledge: true,
        activeLeafId: 'm_01J9Z9',
        createdAt: '2026-01-05T09:30:00.000Z',
        updatedAt: '2026-01-05T09:31:12.000Z',
      },
    ],
  });

/** `{ conversation }`: the answer of `POST /conversations` and `PATCH /conversations/:id`. */
export const conversationResponseSchema = z.object({ conversation: conversationSummarySchema });

/** A page of conversations; pass `nextCursor` back to read the next page. */
export const conversationPageSchema = z
  .object({ conversations: z.array(conversationSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ConversationPage' });

/** One conversation with the messages of its shown branch, oldest first. */
export const conversationWithMessagesSchema = z
  .object({ conversation: conversationSummarySchema, messages: z.array(storedMessageSchema) })
  .meta({ id: 'ConversationWithMessages' });

/** Query of `GET /conversations`. */
export const listConversationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(512).optional(),
  /** Full-text search over titles and message text (word prefixes). */
  q: z.string().max(200).optional(),
  /** Archived conversations: hidden by default. */
  archived: z.enum(['exclude', 'include', 'only']).optional(),
});

/** Body of `PATCH /conversations/:id`: rename, pin, archive, switch the knowledge base (at least one). */
export const updateConversationSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
    useKnowledge: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Give at least one of title, pinned, archived, useKnowledge.',
  })
  .meta({ id: 'ConversationUpdate', examples: [{ title: 'Travel policy', pinned: true }] });

/** Body of `POST /conversations`: an empty conversation, to attach files to before the first message. */
export const createConversationSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    useKnowledge: z.boolean().optional(),
  })
  .meta({ id: 'ConversationCreate' });
