import { CompanyChatError } from '@company-chat/core';
import {
  createConversationSchema,
  listConversationsQuerySchema,
  updateConversationSchema,
} from '@company-chat/core/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { parseWithSchema } from '../validation/parse-with-schema.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { toConversationJson } from './to-conversation-json.js';

const notFound = (id: string) =>
  new CompanyChatError({ code: 'not_found', message: `Conversation ${JSON.stringify(id)} was not found.` });

// Ids are opaque, but nothing longer than this was ever issued: answer 404 without asking the store.
const MAX_ID_LENGTH = 128;

/** `GET/POST /conversations`, `GET/PATCH/DELETE /conversations/:id`, always scoped to `c.var.owner`. */
export function conversationsRoutes(options: { engine: ChatEnginePort; maxBodyBytes: number }): Hono<AppEnv> {
  const { engine } = options;
  const app = new Hono<AppEnv>();

  app.get('/conversations', async (c) => {
    const query = parseWithSchema(listConversationsQuerySchema, c.req.query(), 'query');
    const page = await engine.conversations.list(c.var.owner, {
      limit: query.limit,
      cursor: query.cursor,
      query: query.q,
      archived: query.archived,
    });
    return c.json({ conversations: page.items.map(toConversationJson), nextCursor: page.nextCursor });
  });
  // An empty conversation, so files can be attached to it before the first message (which names it).
  app.post('/conversations', jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const body = await readJsonBody(c, createConversationSchema);
    const conversation = await engine.conversations.create(c.var.owner, body);
    return c.json({ conversation: toConversationJson(conversation) }, 201);
  });
  app.all('/conversations', methodNotAllowed(['GET', 'POST']));

  app.get('/conversations/:id', async (c) => {
    const id = c.req.param('id');
    const found = id.length <= MAX_ID_LENGTH ? await engine.conversations.get(c.var.owner, id) : null;
    if (!found) throw notFound(id);
    return c.json({ conversation: toConversationJson(found.conversation), messages: found.messages });
  });

  app.patch('/conversations/:id', jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const id = c.req.param('id');
    const body = await readJsonBody(c, updateConversationSchema);
    const renamed = id.length <= MAX_ID_LENGTH ? await engine.conversations.update(c.var.owner, id, body) : null;
    if (!renamed) throw notFound(id);
    return c.json({ conversation: toConversationJson(renamed) });
  });

  app.delete('/conversations/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = id.length <= MAX_ID_LENGTH && (await engine.conversations.delete(c.var.owner, id));
    if (!deleted) throw notFound(id);
    return c.body(null, 204);
  });
  app.all('/conversations/:id', methodNotAllowed(['GET', 'PATCH', 'DELETE']));

  return app;
}
