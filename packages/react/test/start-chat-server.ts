import { createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { type ServerHandle, serve } from '@company-chat/server/node';
import { scriptedModel } from './scripted-model.js';

/** Extra routes answered before the chat app (e.g. a test page and its bundle); null passes through. */
export type ExtraRoutes = (request: Request) => Response | null | Promise<Response | null>;

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, authorization, x-user-id',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
};

/**
 * The real server stack on an ephemeral port: createChatApp + createChatEngine + memory store with the
 * scripted model, served by `@company-chat/server/node`. Dev mode (`X-User-Id` names the user); CORS
 * open, because a DOM test environment's fetch checks it like a browser.
 */
export async function startChatServer(routes?: ExtraRoutes): Promise<ServerHandle> {
  const engine = createChatEngine({
    models: { default: scriptedModel() },
    store: createMemoryChatStore(),
    // A rough count avoids loading the tokenizer in every test process.
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    logger: { info() {}, warn() {}, error() {} },
  });
  const chatApp = createChatApp({
    engine,
    dev: true,
    heartbeatMs: 0,
    logger: (m, e) => process.env.CC_DEBUG && console.error(m, e),
  });
  const app = {
    async fetch(request: Request): Promise<Response> {
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });
      const extra = await routes?.(request);
      if (extra) return extra;
      const response = await chatApp.fetch(request);
      for (const [name, value] of Object.entries(corsHeaders)) response.headers.set(name, value);
      return response;
    },
  };
  return serve({ app, engine, port: 0, shutdownTimeoutMs: 2_000 });
}
