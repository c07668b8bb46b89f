import { z } from 'zod';
import { citationSchema, finishReasonSchema, messageStatusSchema, tokenUsageSchema } from './message-schemas.js';

/** First event: the conversation the turn belongs to (new or existing). */
export const conversationEventSchema = z
  .object({
    type: z.literal('conversation'),
    conversation: z.object({
      id: z.string(),
      title: z.string(),
      createdAt: z.iso.datetime({ offset: true }),
      updatedAt: z.iso.datetime({ offset: true }),
    }),
    /** True when this send created the conversation. */
    created: z.boolean(),
  })
  .meta({ id: 'ConversationEvent' });

/** The user message is stored and the assistant message begins. */
export const messageStartEventSchema = z
  .object({ type: z.literal('message-start'), userMessageId: z.string(), messageId: z.string(), model: z.string() })
  .meta({ id: 'MessageStartEvent' });

/** A piece of the answer's text. */
export const textDeltaEventSchema = z
  .object({ type: z.literal('text-delta'), messageId: z.string(), delta: z.string() })
  .meta({ id: 'TextDeltaEvent' });

/** A cited passage, sent just before the `text-delta` that completes its first `[n]` marker. */
export const citationEventSchema = citationSchema
  .extend({ type: z.literal('citation'), messageId: z.string() })
  .meta({ id: 'CitationEvent' });

/** Token usage for the answer, when the provider reported it. */
export const usageEventSchema = z
  .object({ type: z.literal('usage'), messageId: z.string(), usage: tokenUsageSchema })
  .meta({ id: 'UsageEvent' });

/** The answer ended; it is stored with this status. */
export const messageEndEventSchema = z
  .object({
    type: z.literal('message-end'),
    messageId: z.string(),
    status: messageStatusSchema.exclude(['streaming']),
    finishReason: finishReasonSchema.nullable(),
    usage: tokenUsageSchema.nullable(),
    timeToFirstTokenMs: z.number().nullable(),
    durationMs: z.number(),
    /** True when the store could not take the final write yet; the server retries until it is stored. */
    savePending: z.literal(true).optional(),
  })
  .meta({ id: 'MessageEndEvent' });

/** Something failed. `messageId` is set when an answer had started (its partial text is kept). */
export const errorEventSchema = z
  .object({
    type: z.literal('error'),
    messageId: z.string().optional(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      retryable: z.boolean(),
      /** How long to wait before trying again, when the failure said (a provider's 429). */
      retryAfterMs: z.number().optional(),
    }),
  })
  .meta({ id: 'ErrorEvent' });

/**
 * One SSE event of `POST /chat` (and regenerate, edit): its `event:` field is `type`, its `data:` this
 * object as JSON, its `id:` a position to resume from with `Last-Event-ID`. Order:
 * `conversation` → `message-start` → (`text-delta` | `citation`)* → `usage`? → `message-end`, or
 * `error` at any point (followed by `message-end` when an answer had started).
 */
export const chatEventSchema = z
  .discriminatedUnion('type', [
    conversationEventSchema,
    messageStartEventSchema,
    textDeltaEventSchema,
    citationEventSchema,
    usageEventSchema,
    messageEndEventSchema,
    errorEventSchema,
  ])
  .meta({ id: 'ChatEvent' });
