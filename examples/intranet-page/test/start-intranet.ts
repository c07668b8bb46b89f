import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChatModel, type ChatModelStreamPart, createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { loadWidgetAssets, type ServerHandle, serve } from '@company-chat/server/node';

/** Our own model of provider spec v1 (no SDK): answers `You said: <message>` a word at a time. */
function echoModel(): ChatModel {
  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: 'echo-1',
    contextWindow: 100_000,
    async *doStream(request): AsyncGenerator<ChatModelStreamPart> {
      const words = `You said: ${request.messages.at(-1)?.content ?? ''}`.split(/(?<= )/);
      yield { type: 'response-metadata', modelId: 'echo-1' };
      for (const text of words) yield { type: 'text-delta', text };
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: words.length, totalTokens: words.length + 1 } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}

/** The intranet: a static host serving index.html (pointed at the chat server), on its own origin. */
export async function startPageServer(chatServerUrl: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html.replaceAll('http://localhost:3000', chatServerUrl()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The real chat server (createChatApp + createChatEngine + memory store, dev mode) on an ephemeral
 * port, serving the widget (`/widget/company-chat.js` and the chunks it loads from `/widget/chunks/`)
 * from the built `@company-chat/widget`. CORS for the page's origin (it lives on another host) is added
 * around it here.
 */
export async function startChatServer(pageOrigin: string): Promise<ServerHandle> {
  const widget = await loadWidgetAssets();
  if ('error' in widget) throw new Error(`No widget: ${widget.error}`);
  const engine = createChatEngine({
    models: { default: echoModel() },
    store: createMemoryChatStore(),
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    logger: { info() {}, warn() {}, error() {} },
  });
  const chatApp = createChatApp({ engine, dev: true, heartbeatMs: 0, logger: () => {}, widget: widget.assets });
  const cors = {
    'access-control-allow-origin': pageOrigin,
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    vary: 'origin',
  };
  const app = {
    async fetch(request: Request): Promise<Response> {
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
      const response = await chatApp.fetch(request);
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(cors)) if (!headers.has(name)) headers.set(name, value);
      return new Response(response.body, { status: response.status, headers });
    },
  };
  return serve({ app, engine, port: 0, shutdownTimeoutMs: 2_000 });
}
