import { z } from 'zod';

/** Body of `POST /conversations/:id/messages/:messageId/regenerate` (optional). */
export const regenerateSchema = z.strictObject({
  model: z.string().min(1).max(100).optional(),
});

/** Body of `POST /conversations/:id/messages/:messageId/edit`. */
export const editMessageSchema = (maxContentLength: number) =>
  z.strictObject({
    content: z.string().trim().min(1).max(maxContentLength),
    model: z.string().min(1).max(100).optional(),
    clientMessageId: z.string().min(1).max(128).optional(),
  });

/** Body of `PUT /conversations/:id/active-leaf`. */
export const activeLeafSchema = z.strictObject({
  messageId: z.string().min(1).max(128),
});

/** Query of `GET /conversations/:id/export`. */
export const exportQuerySchema = z.strictObject({
  format: z.enum(['json', 'md']).default('json'),
});

/** Longest feedback comment accepted. */
export const MAX_FEEDBACK_COMMENT = 2000;

/** Body of `POST /conversations/:id/messages/:messageId/feedback`. */
export const feedbackSchema = z.strictObject({
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(MAX_FEEDBACK_COMMENT).nullable().optional(),
});
