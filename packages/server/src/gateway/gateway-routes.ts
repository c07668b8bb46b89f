import { CompanyChatError, type Embedder, type PriceTable, type QuotaGuard, type UsageLog } from '@company-chat/core';
import { openAIChatCompletionRequestSchema, type openAIModelListSchema } from '@company-chat/core/protocol';
import { Hono, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app/app-env.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { ErrorLogger } from '../errors/error-handler.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { completionJson, completionStream } from './completion-response.js';
import { embeddingsRoute } from './embeddings-route.js';
import { openAIErrors } from './openai-error-response.js';
import { CONVERSATION_HEADER, storedTurn } from './stored-turn.js';
import { toModelRequest } from './to-model-request.js';

/** Options of {@link gatewayRoutes}. */
export interface GatewayRoutesOptions {
  /** The app's metered engine: completions take the chat API's quotas, usage records and model switches. */
  engine: ChatEnginePort;
  /** Serves `POST /v1/embeddings`; without it that route answers 404. */
  embedder?: Embedder | undefined;
  /** The chat API's admission control, so embeddings draw on the same budgets. */
  guard?: QuotaGuard | undefined;
  usage?: UsageLog | undefined;
  prices?: PriceTable | undefined;
  maxBodyBytes: number;
  log: ErrorLogger;
  /** The identity and route-access middleware, run inside the OpenAI error shape. */
  guards: ReadonlyArray<MiddlewareHandler<AppEnv>>;
}

type ModelList = z.input<typeof openAIModelListSchema>;

/**
 * The OpenAI-compatible gateway, mounted at `/v1` behind the identity and route-access middleware:
 * `POST /chat/completions` (streaming or not), `GET /models` (our aliases) and `POST /embeddings`.
 * Completions are stateless (nothing is stored, the user is the credential's) unless the request asks
 * for a stored conversation with `X-Company-Chat-Conversation` (see {@link storedTurn}). Every error has
 * OpenAI's shape (see {@link openAIErrors}).
 */
export function gatewayRoutes(options: GatewayRoutesOptions): Hono<AppEnv> {
  const { engine, log } = options;
  // Aliases have no creation date; the server's start stands in for it, as OpenAI-compatible servers do.
  const created = Math.floor(Date.now() / 1000);
  const app = new Hono<AppEnv>();
  app.use(openAIErrors());
  for (const guard of options.guards) app.use(guard);

  app.post(
    '/chat/completions',
    async (c, next) => {
      // Taken before bodyLimit, which replaces c.req.raw when it buffers a chunked body.
      c.set('requestSignal', c.req.raw.signal);
      await next();
    },
    jsonBodyLimit(options.maxBodyBytes),
    async (c) => {
      const body = await readJsonBody(c, openAIChatCompletionRequestSchema);
      const complete = engine.complete;
      if (!complete) {
        throw new CompanyChatError({ code: 'not_supported', message: 'This engine does not serve completions.' });
      }
      const abort = new AbortController();
      const requestSignal = c.var.requestSignal;
      if (requestSignal.aborted) abort.abort(requestSignal.reason);
      else requestSignal.addEventListener('abort', () => abort.abort(requestSignal.reason), { once: true });
      const meta = {
        id: `chatcmpl-${crypto.randomUUID().replaceAll('-', '')}`,
        created: Math.floor(Date.now() / 1000),
        model: body.model,
      };
      const conversation = c.req.header(CONVERSATION_HEADER);
      let conversationId: string | undefined;
      const events = (
        conversation === undefined
          ? complete({
              owner: c.var.owner,
              model: body.model,
              request: toModelRequest(body),
              signal: abort.signal,
              completionId: meta.id,
              requestId: c.var.requestId,
            })
          : storedTurn(
              engine,
              { owner: c.var.owner, body, conversation, signal: abort.signal, requestId: c.var.requestId },
              (id) => {
                conversationId = id;
              },
            )
      )[Symbol.asyncIterator]();
      const res = body.stream
        ? await completionStream(events, meta, {
            includeUsage: body.stream_options?.include_usage === true,
            abort,
            onError: (error) => log('completion stream failed after it started', error),
          })
        : await completionJson(events, meta);
      if (conversationId !== undefined) res.headers.set(CONVERSATION_HEADER, conversationId);
      return res;
    },
  );
  app.all('/chat/completions', methodNotAllowed(['POST']));

  app.get('/models', (c) => {
    const list: ModelList = {
      object: 'list',
      data: engine.listModels().map((m) => ({ id: m.id, object: 'model', created, owned_by: m.provider })),
    };
    return c.json(list);
  });
  app.all('/models', methodNotAllowed(['GET']));

  app.route('/', embeddingsRoute(options));
  return app;
}
