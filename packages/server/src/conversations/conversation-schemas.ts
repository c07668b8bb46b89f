import { z } from 'zod';

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
export const renameConversationSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
    useKnowledge: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Give at least one of title, pinned, archived, useKnowledge.',
  });

/** Body of `POST /conversations`: an empty conversation, to attach files to before the first message. */
export const createConversationSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  useKnowledge: z.boolean().optional(),
});
