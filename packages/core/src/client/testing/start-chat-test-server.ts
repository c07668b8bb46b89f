import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
// Relative import: core must not depend on the server package (the server depends on core).
import type { AppEnv } from '../../../../server/src/app/app-env.js';
import { createErrorHandler, notFoundHandler } from '../../../../server/src/errors/error-handler.js';
import { filesRoutes } from '../../../../server/src/files/files-routes.js';
import { devIdentity } from '../../../../server/src/identity/dev-identity.js';
import { createChatApp } from '../../../../server/src/index.js';
import type { ChatAppQuotaOptions } from '../../../../server/src/quotas/chat-app-quotas.js';
import type { ChatStore } from '../../conversations/chat-store.js';
import { createMemoryChatStore } from '../../conversations/memory-chat-store.js';
import { createChatEngine } from '../../engine/create-chat-engine.js';
import type { ChatModel } from '../../providers/chat-model.js';
import { createKnowledgeBase } from '../../rag/create-knowledge-base.js';
import { createMemoryKnowledgeStore } from '../../rag/store/memory-knowledge-store.js';
import { createScriptGates } from './script-gates.js';
import { scriptedChatModel } from './scripted-chat-model.js';

const quiet = { info() {}, warn() {}, error() {} };

/** A running test server. */
export interface ChatTestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP stack (createChatApp + createChatEngine + memory store) on an ephemeral port,
 * with two scripted models (`default`, `fast`) and CORS open to any origin (browser tests serve the
 * page from another port). Dev mode: `X-User-Id` names the user. `POST /__gates/:name` opens the gate
 * a scripted answer waits at (`waitAt`).
 */
export async function startChatTestServer(
  options: {
    models?: number;
    replies?: Record<string, string>;
    routes?: (app: Hono) => void;
    /** Also serve `POST/GET /api/v1/files` over a memory knowledge base, which answers draw on. */
    files?: boolean;
    /** Quota ledger and tiers, as `createChatApp({ quotas })` takes them. */
    quotas?: ChatAppQuotaOptions;
    /** The conversation store. Default: a new memory store. */
    store?: ChatStore;
  } = {},
): Promise<ChatTestServer> {
  const gates = createScriptGates();
  const models: Record<string, ChatModel> =
    options.models === 1
      ? { default: scriptedChatModel({ replies: options.replies, gates }) }
      : {
          default: scriptedChatModel({ replies: options.replies, gates }),
          fast: scriptedChatModel({ modelId: 'scripted-fast', replies: options.replies, gates }),
        };
  // One knowledge base for the file routes and the engine: answers draw on uploads (the scripted model's
  // `[n]` markers then cite real passages) and messages carry them.
  const knowledge = options.files
    ? createKnowledgeBase({ store: createMemoryKnowledgeStore(), logger: quiet })
    : undefined;
  const engine = createChatEngine({
    models,
    store: options.store ?? createMemoryChatStore(),
    ...(knowledge ? { knowledge } : {}),
    // A rough count is enough here and avoids loading the 2 MB tokenizer in every test process.
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    logger: quiet,
  });
  const chatApp = createChatApp({
    engine,
    dev: true,
    heartbeatMs: 0,
    logger: () => {},
    ...(options.quotas ? { quotas: options.quotas } : {}),
  });
  const app = new Hono();
  app.use('*', cors({ origin: (origin) => origin, allowHeaders: ['content-type', 'authorization', 'x-user-id'] }));
  // Opens a gate that scripted answers wait at (`waitAt`).
  app.post('/__gates/:name', (c) => {
    gates.open(c.req.param('name'));
    return c.body(null, 204);
  });
  options.routes?.(app);
  if (knowledge) {
    const files = new Hono<AppEnv>();
    files.use('/files/*', devIdentity({ dev: true }));
    files.use('/files', devIdentity({ dev: true }));
    files.route('/', filesRoutes({ knowledge }));
    files.onError(createErrorHandler(() => {}));
    app.route('/api/v1', files);
  }
  app.route('/', chatApp);
  // Routes merged from chatApp do not bring its notFound handler along: answer unmatched paths the same way.
  app.notFound(notFoundHandler);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await engine.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
