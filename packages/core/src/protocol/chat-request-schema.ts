import { z } from 'zod';

/** Longest chat message accepted by default, in characters (`createChatApp({ maxContentLength })`). */
export const DEFAULT_MAX_CONTENT_LENGTH = 32_000;

/** The body of `POST /api/v1/chat`. Unknown fields are rejected so typos do not pass silently. */
export function chatRequestSchema(maxContentLength: number = DEFAULT_MAX_CONTENT_LENGTH) {
  return z
    .strictObject({
      /** Omit to start a new conversation. */
      conversationId: z.string().min(1).max(128).nullish(),
      content: z
        .string()
        .min(1)
        .max(maxContentLength)
        .refine((s) => s.trim().length > 0, 'Must not be blank'),
      /** Model alias (`GET /models`); the server's default when omitted. */
      model: z.string().min(1).max(64).nullish(),
      /** Client-chosen id of the user message, so a retry of the same message is recognised. */
      clientMessageId: z.string().min(1).max(128).nullish(),
      /** Draw on the knowledge base (sets the conversation's switch); omitted keeps the conversation's. */
      useKnowledge: z.boolean().nullish(),
      /** Ids of uploaded files sent with the message (shown under it); each must be readable by the caller. */
      attachments: z.array(z.string().min(1).max(128)).max(20).nullish(),
    })
    .meta({
      id: 'ChatRequest',
      examples: [{ content: 'What is our travel policy for trains?', clientMessageId: 'local-1' }],
    });
}

/** A chat request as a client writes it. */
export type ChatRequestInput = z.input<ReturnType<typeof chatRequestSchema>>;
/** A validated chat request. */
export type ChatRequest = z.output<ReturnType<typeof chatRequestSchema>>;
