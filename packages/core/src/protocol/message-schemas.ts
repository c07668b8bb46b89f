import { z } from 'zod';

/** `streaming` while written; `complete`; `aborted` (stopped); `error` (provider failed); `interrupted` (process died). */
export const messageStatusSchema = z
  .enum(['streaming', 'complete', 'aborted', 'error', 'interrupted'])
  .meta({ id: 'MessageStatus' });

/** Why generation stopped, normalised across providers. */
export const finishReasonSchema = z
  .enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other'])
  .meta({ id: 'FinishReason' });

/** Tokens an answer used, when the provider reported them. */
export const tokenUsageSchema = z
  .object({ inputTokens: z.number().int(), outputTokens: z.number().int(), totalTokens: z.number().int() })
  .meta({ id: 'TokenUsage' });

/** Where a passage is in its file. */
export const locatorSchema = z
  .object({
    page: z.number().int().optional(),
    rows: z.tuple([z.number().int(), z.number().int()]).optional(),
    lines: z.tuple([z.number().int(), z.number().int()]).optional(),
    heading: z.array(z.string()).optional(),
  })
  .meta({ id: 'Locator' });

/** A knowledge-base passage an answer cites, numbered like its `[n]` marker in the text. */
export const citationSchema = z
  .object({
    /** 1-based, as in `[1]`. */
    index: z.number().int().min(1),
    fileId: z.string(),
    fileName: z.string(),
    page: z.number().int().optional(),
    section: z.string().optional(),
    /** Open it with `GET /files/:fileId/passages/:passageId`. */
    passageId: z.string().optional(),
    locator: locatorSchema.optional(),
    /** The short excerpt a client shows. */
    snippet: z.string(),
  })
  .meta({ id: 'Citation' });

/** The owner's rating of an answer. */
export const storedFeedbackSchema = z
  .object({
    rating: z.enum(['up', 'down']),
    comment: z.string().nullable(),
    /** ISO time of the rating. */
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Feedback' });

/** A file sent with a user message. */
export const messageAttachmentSchema = z
  .object({ fileId: z.string(), name: z.string(), sizeBytes: z.number().int() })
  .meta({ id: 'MessageAttachment' });

/** A stored message (dates are ISO strings). */
export const storedMessageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    parentId: z.string().nullable(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    status: messageStatusSchema,
    /** Model alias that produced an assistant message. */
    model: z.string().nullable(),
    /** Provider and upstream model id that actually answered (after routing and fallback). */
    provider: z.string().nullable().optional(),
    providerModel: z.string().nullable().optional(),
    usage: tokenUsageSchema.nullable(),
    finishReason: finishReasonSchema.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    clientMessageId: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    /** Milliseconds from the provider call to the first token. */
    timeToFirstTokenMs: z.number().nullable().optional(),
    /** Milliseconds from the provider call to the end of the stream. */
    durationMs: z.number().nullable().optional(),
    /** Ids of this message's versions (itself included), oldest first, when the server tracks branches. */
    siblingIds: z.array(z.string()).optional(),
    /** The passages an answer cites. */
    citations: z.array(citationSchema).optional(),
    /** The owner's rating of an answer, null when not rated. */
    feedback: storedFeedbackSchema.nullable().optional(),
    /** Files sent with a user message. */
    attachments: z.array(messageAttachmentSchema).optional(),
  })
  .meta({ id: 'Message' });
