import type { AddressInfo } from 'node:net';
import {
  type ChatModel,
  type ChatStore,
  createChatEngine,
  createKnowledgeBase,
  createMemoryChatStore,
  createMemoryKnowledgeStore,
} from '@company-chat/core';
import { type ChatAppQuotaOptions, createChatApp } from '@company-chat/server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { messageScriptedChatModel } from '../models/message-scripted-chat-model.js';
import { createScriptGates } from '../models/script-gates.js';

const quiet = { info() {}, warn() {}, error() {} };

/** A running test server. */
export interface ChatTestServer {
  url: string;
  close(): Promise<void>;
}

/** Options of {@link startChatTestServer}. */
export interface ChatTestServerOptions {
  /** `1`: only the `default` model; otherwise also `fast`. */
  models?: number;
  /** Canned replies by user message (streamed in 4-character chunks). */
  replies?: Record<string, string>;
  /** Adds routes (and middleware) answered before the chat app. */
  routes?: (app: Hono) => void;
  /** Also serve `POST/GET /api/v1/files` over a memory knowledge base, which answers draw on. */
  files?: boolean;
  /** Quota ledger and tiers, as `createChatApp({ quotas })` takes them. */
  quotas?: ChatAppQuotaOptions;
  /** The conversation store. Default: a new memory store. */
  store?: ChatStore;
}

/**
 * Starts the real HTTP stack (createChatApp + createChatEngine + memory store) on an ephemeral port,
 * with two scripted models (`default`, `fast`) and CORS open to any origin (browser tests serve the
 * page from another port). Dev mode: `X-User-Id` names the user. `POST /__gates/:name` opens the gate
 * a scripted answer waits at (`waitAt`).
 */
export async function startChatTestServer(options: ChatTestServerOptions = {}): Promise<ChatTestServer> {
  const gates = createScriptGates();
  const models: Record<string, ChatModel> =
    options.models === 1
      ? { default: messageScriptedChatModel({ replies: options.replies, gates }) }
      : {
          default: messageScriptedChatModel({ replies: options.replies, gates }),
          fast: messageScriptedChatModel({ modelId: 'scripted-fast', replies: options.replies, gates }),
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
    ...(knowledge ? { knowledge } : {}),
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
  // The chat app answers everything the extra routes leave, with its own not-found and error handling.
  app.all('*', (c) => chatApp.fetch(c.req.raw));
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
