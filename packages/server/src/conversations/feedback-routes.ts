import { CompanyChatError } from '@company-chat/core';
import { feedbackSchema } from '@company-chat/core/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';

// Ids are opaque, but nothing longer than this was ever issued: answer 404 without asking the store.
const MAX_ID_LENGTH = 128;

/**
 * `POST /conversations/:id/messages/:messageId/feedback`: the owner rates an answer (thumbs up/down,
 * optional comment); rating again replaces it. Another user's answer, a question, or an answer of
 * another conversation answer 404 exactly like unknown ids. Admins read ratings in the usage export.
 */
export function feedbackRoutes(options: { engine: ChatEnginePort; maxBodyBytes: number }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const path = '/conversations/:id/messages/:messageId/feedback';
  app.post(path, jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const id = c.req.param('id');
    const messageId = c.req.param('messageId');
    const body = await readJsonBody(c, feedbackSchema);
    const rated =
      id.length <= MAX_ID_LENGTH && messageId.length <= MAX_ID_LENGTH
        ? await options.engine.conversations.setFeedback(c.var.owner, id, messageId, {
            rating: body.rating,
            comment: body.comment || null,
          })
        : null;
    if (!rated?.feedback) throw new CompanyChatError({ code: 'not_found', message: 'Answer was not found.' });
    return c.json({ messageId: rated.id, feedback: rated.feedback });
  });
  app.all(path, methodNotAllowed(['POST']));
  return app;
}
