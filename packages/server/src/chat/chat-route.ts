import { chatRequestSchema } from '@company-chat/core/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { ErrorLogger } from '../errors/error-handler.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { streamChatEvents } from '../sse/stream-chat-events.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';

/** Options of {@link chatRoute}. */
export interface ChatRouteOptions {
  engine: ChatEnginePort;
  maxBodyBytes: number;
  maxContentLength: number;
  heartbeatMs: number;
  log: ErrorLogger;
}

/**
 * `POST /chat`: validates the request, starts the engine and waits for its first event, so failures known
 * before anything streams (unknown model, missing conversation, busy, no model configured) are answered
 * as JSON errors with their status; then relays the events as SSE. The engine's signal follows the
 * client's connection: a disconnect aborts the provider request and the partial answer is kept.
 */
export function chatRoute(options: ChatRouteOptions): Hono<AppEnv> {
  const { engine, log } = options;
  const schema = chatRequestSchema(options.maxContentLength);
  const app = new Hono<AppEnv>();

  app.post(
    '/chat',
    async (c, next) => {
      // Taken before bodyLimit, which replaces c.req.raw when it buffers a chunked body.
      c.set('requestSignal', c.req.raw.signal);
      await next();
    },
    jsonBodyLimit(options.maxBodyBytes),
    async (c) => {
      const body = await readJsonBody(c, schema);
      return streamChatEvents(
        c,
        (signal) =>
          engine.send({
            owner: c.var.owner,
            content: body.content,
            conversationId: body.conversationId ?? undefined,
            model: body.model ?? undefined,
            clientMessageId: body.clientMessageId ?? undefined,
            useKnowledge: body.useKnowledge ?? undefined,
            attachments: body.attachments ?? undefined,
            signal,
            requestId: c.var.requestId,
          }),
        {
          heartbeatMs: options.heartbeatMs,
          onError: (error) => log('chat stream failed after it started', error, { requestId: c.var.requestId }),
        },
      );
    },
  );
  app.all('/chat', methodNotAllowed(['POST']));
  return app;
}
