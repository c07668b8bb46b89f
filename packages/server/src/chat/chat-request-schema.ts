import { z } from 'zod';

/** The body of `POST /api/v1/chat`. Unknown fields are rejected so typos do not pass silently. */
export function chatRequestSchema(maxContentLength: number) {
  return z.strictObject({
    conversationId: z.string().min(1).max(128).nullish(),
    content: z
      .string()
      .min(1)
      .max(maxContentLength)
      .refine((s) => s.trim().length > 0, 'Must not be blank'),
    model: z.string().min(1).max(64).nullish(),
    clientMessageId: z.string().min(1).max(128).nullish(),
    /** Draw on the knowledge base (sets the conversation's switch); omitted keeps the conversation's. */
    useKnowledge: z.boolean().nullish(),
    /** Ids of uploaded files sent with the message (shown under it); each must be readable by the caller. */
    attachments: z.array(z.string().min(1).max(128)).max(20).nullish(),
  });
}

/** A validated chat request. */
export type ChatRequest = z.output<ReturnType<typeof chatRequestSchema>>;
