import { z } from 'zod';
import { DEFAULT_MAX_CONTENT_LENGTH } from './chat-request-schema.js';
import { storedFeedbackSchema } from './message-schemas.js';

/** Body of `POST /conversations/:id/messages/:messageId/regenerate` (optional). */
export const regenerateSchema = z.strictObject({ model: z.string().min(1).max(100).optional() }).meta({
  id: 'RegenerateRequest',
});

/** Body of `POST /conversations/:id/messages/:messageId/edit`. */
export const editMessageSchema = (maxContentLength: number = DEFAULT_MAX_CONTENT_LENGTH) =>
  z
    .strictObject({
      content: z.string().trim().min(1).max(maxContentLength),
      model: z.string().min(1).max(100).optional(),
      clientMessageId: z.string().min(1).max(128).optional(),
    })
    .meta({ id: 'EditMessageRequest', examples: [{ content: 'And for flights?' }] });

/** Body of `PUT /conversations/:id/active-leaf`. */
export const activeLeafSchema = z.strictObject({ messageId: z.string().min(1).max(128) }).meta({
  id: 'ActiveLeafRequest',
});

/** Query of `GET /conversations/:id/export`. */
export const exportQuerySchema = z.strictObject({ format: z.enum(['json', 'md']).default('json') });

/** Longest feedback comment accepted. */
export const MAX_FEEDBACK_COMMENT = 2000;

/** Body of `POST /conversations/:id/messages/:messageId/feedback`. */
export const feedbackSchema = z
  .strictObject({
    rating: z.enum(['up', 'down']),
    /** Optional, at most 2000 characters. */
    comment: z.string().trim().max(MAX_FEEDBACK_COMMENT).nullable().optional(),
  })
  .meta({ id: 'FeedbackRequest', examples: [{ rating: 'down', comment: 'The dates are wrong.' }] });

/** The answer of `POST /conversations/:id/messages/:messageId/feedback`. */
export const feedbackResponseSchema = z.object({ messageId: z.string(), feedback: storedFeedbackSchema });

/** The answer of `DELETE /me`: how many conversations were deleted. */
export const deleteMeResponseSchema = z.object({ deleted: z.object({ conversations: z.number().int() }) });
