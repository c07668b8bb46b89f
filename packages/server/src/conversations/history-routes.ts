import { type ChatEvent, CompanyChatError } from '@company-chat/core';
import { activeLeafSchema, editMessageSchema, exportQuerySchema, regenerateSchema } from '@company-chat/core/protocol';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { ErrorLogger } from '../errors/error-handler.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { streamChatEvents } from '../sse/stream-chat-events.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { parseWithSchema } from '../validation/parse-with-schema.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { toConversationJson } from './to-conversation-json.js';

/** Options of {@link historyRoutes}. */
export interface HistoryRoutesOptions {
  engine: ChatEnginePort;
  maxBodyBytes: number;
  maxContentLength: number;
  heartbeatMs: number;
  log: ErrorLogger;
}

// Ids are opaque, but nothing longer than this was ever issued: answer 404 without asking the store.
const MAX_ID_LENGTH = 128;

const notFound = (what: string) => new CompanyChatError({ code: 'not_found', message: `${what} was not found.` });

/** `:id` and `:messageId` of the request, or a 404 for ids longer than any ever issued. */
function ids(c: Context<AppEnv>): { id: string; messageId: string } {
  const id = c.req.param('id') ?? '';
  const messageId = c.req.param('messageId') ?? '';
  if (id.length > MAX_ID_LENGTH || messageId.length > MAX_ID_LENGTH) throw notFound('Conversation');
  return { id, messageId };
}

/** A file name for an export: the title's letters and digits, never anything a header could choke on. */
function fileName(title: string, ext: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'conversation'}.${ext}`;
}

/**
 * History routes beyond list/read/rename/delete: regenerate and edit (SSE, like `POST /chat`),
 * switching the shown branch, exports and the GDPR routes `GET /me/export` and `DELETE /me`.
 * Everything is scoped to `c.var.owner`: another user's ids answer 404 exactly like unknown ones.
 */
export function historyRoutes(options: HistoryRoutesOptions): Hono<AppEnv> {
  const { engine, log } = options;
  const app = new Hono<AppEnv>();
  const editSchema = editMessageSchema(options.maxContentLength);

  /** Starts the turn, awaits its first event (so early failures are JSON errors), then relays SSE. */
  const stream = (c: Context<AppEnv>, start: (signal: AbortSignal) => AsyncGenerator<ChatEvent>) =>
    streamChatEvents(c, start, {
      heartbeatMs: options.heartbeatMs,
      onError: (error) => log('history stream failed after it started', error, { requestId: c.var.requestId }),
    });
  const captureSignal = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    // Taken before bodyLimit, which replaces c.req.raw when it buffers a chunked body.
    c.set('requestSignal', c.req.raw.signal);
    await next();
  };
  const optionalJson = async <T>(c: Context<AppEnv>, schema: Parameters<typeof readJsonBody>[1]): Promise<T> => {
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding');
    return (hasBody ? await readJsonBody(c, schema) : parseWithSchema(schema, {})) as T;
  };

  const regeneratePath = '/conversations/:id/messages/:messageId/regenerate';
  app.post(regeneratePath, captureSignal, jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const { id, messageId } = ids(c);
    const body = await optionalJson<{ model?: string }>(c, regenerateSchema);
    return stream(c, (signal) =>
      engine.regenerate({
        owner: c.var.owner,
        conversationId: id,
        messageId,
        model: body.model,
        signal,
        requestId: c.var.requestId,
      }),
    );
  });
  app.all(regeneratePath, methodNotAllowed(['POST']));

  const editPath = '/conversations/:id/messages/:messageId/edit';
  app.post(editPath, captureSignal, jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const { id, messageId } = ids(c);
    const body = await readJsonBody(c, editSchema);
    return stream(c, (signal) =>
      engine.edit({
        owner: c.var.owner,
        conversationId: id,
        messageId,
        content: body.content,
        model: body.model,
        clientMessageId: body.clientMessageId,
        signal,
        requestId: c.var.requestId,
      }),
    );
  });
  app.all(editPath, methodNotAllowed(['POST']));

  app.put('/conversations/:id/active-leaf', jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const { id } = ids(c);
    const body = await readJsonBody(c, activeLeafSchema);
    const shown = await engine.conversations.setActiveBranch(c.var.owner, id, body.messageId);
    if (!shown) throw notFound('Message');
    return c.json({ conversation: toConversationJson(shown.conversation), messages: shown.messages });
  });
  app.all('/conversations/:id/active-leaf', methodNotAllowed(['PUT']));

  app.get('/conversations/:id/export', async (c) => {
    const { id } = ids(c);
    const { format } = parseWithSchema(exportQuerySchema, c.req.query(), 'query');
    const exported = await engine.conversations.export(c.var.owner, id, format);
    if (!exported) throw notFound('Conversation');
    if (exported.format === 'md') {
      const title = exported.body.split('\n', 1)[0]!.replace(/^# /, '');
      return c.body(exported.body, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName(title, 'md')}"`,
      });
    }
    const { conversation, ...rest } = exported.body;
    c.header('content-disposition', `attachment; filename="${fileName(conversation.title, 'json')}"`);
    return c.json({ ...rest, conversation: toConversationJson(conversation) });
  });
  app.all('/conversations/:id/export', methodNotAllowed(['GET']));

  app.get('/me/export', async (c) => {
    const data = await engine.conversations.exportAll(c.var.owner);
    c.header('content-disposition', 'attachment; filename="company-chat-export.json"');
    return c.json({
      ...data,
      conversations: data.conversations.map((x) => ({
        conversation: toConversationJson(x.conversation),
        messages: x.messages,
      })),
    });
  });
  app.all('/me/export', methodNotAllowed(['GET']));

  app.delete('/me', async (c) => {
    const { conversations } = await engine.conversations.deleteAll(c.var.owner);
    return c.json({ deleted: { conversations } });
  });
  app.all('/me', methodNotAllowed(['DELETE']));

  return app;
}
