import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { ErrorLogger } from '../errors/error-handler.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { createSseRelay } from '../sse/create-sse-relay.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { chatRequestSchema } from './chat-request-schema.js';

/** Options of {@link chatRoute}. */
export interface ChatRouteOptions {
  engine: ChatEnginePort;
  maxBodyBytes: number;
  maxContentLength: number;
  heartbeatMs: number;
  log: ErrorLogger;
}

const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
  // As hono's streamSSE does: without it @hono/node-server probes the body for a Content-Length first,
  // which costs a timer tick on the first token.
  'transfer-encoding': 'chunked',
};

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
      const abort = new AbortController();
      const requestSignal = c.get('requestSignal');
      const onRequestAbort = () => abort.abort(requestSignal.reason);
      if (requestSignal.aborted) onRequestAbort();
      else requestSignal.addEventListener('abort', onRequestAbort, { once: true });

      const events = engine
        .send({
          owner: c.var.owner,
          content: body.content,
          conversationId: body.conversationId ?? undefined,
          model: body.model ?? undefined,
          clientMessageId: body.clientMessageId ?? undefined,
          useKnowledge: body.useKnowledge ?? undefined,
          signal: abort.signal,
        })
        [Symbol.asyncIterator]();
      const first = await events.next();
      if (first.done) return new Response('', { headers: sseHeaders });
      const stream = createSseRelay({
        first: first.value,
        events,
        heartbeatMs: options.heartbeatMs,
        onCancel: (reason) => abort.abort(reason),
        onError: (error) => log('chat stream failed after it started', error),
      });
      return new Response(stream, { headers: sseHeaders });
    },
  );
  app.all('/chat', methodNotAllowed(['POST']));
  return app;
}
