import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type ChatModel, type ChatModelStreamPart, createChatEngine, createMemoryChatStore } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { type ServerHandle, serve } from '@company-chat/server/node';

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

/** The widget's script-tag build (`@company-chat/widget/company-chat.js`, built by `pnpm build`). */
export function widgetFile(): string {
  const path = createRequire(import.meta.url).resolve('@company-chat/widget/company-chat.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm -F @company-chat/widget build\` first.`);
  return readFileSync(path, 'utf8');
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
 * port. Two things the app does not do yet are added around it here, for the page's origin only:
 * CORS (the page lives on another host), and serving the widget file at /widget/company-chat.js when
 * the app itself answers 404 there.
 */
export async function startChatServer(pageOrigin: string): Promise<ServerHandle & { widgetServedByApp: boolean }> {
  const engine = createChatEngine({
    models: { default: echoModel() },
    store: createMemoryChatStore(),
    tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    logger: { info() {}, warn() {}, error() {} },
  });
  const chatApp = createChatApp({ engine, dev: true, heartbeatMs: 0, logger: () => {} });
  const cors = {
    'access-control-allow-origin': pageOrigin,
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    vary: 'origin',
  };
  let widgetServedByApp = true;
  const app = {
    async fetch(request: Request): Promise<Response> {
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
      let response = await chatApp.fetch(request);
      if (response.status === 404 && new URL(request.url).pathname === '/widget/company-chat.js') {
        widgetServedByApp = false;
        response = new Response(widgetFile(), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
      }
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(cors)) if (!headers.has(name)) headers.set(name, value);
      return new Response(response.body, { status: response.status, headers });
    },
  };
  const handle = await serve({ app, engine, port: 0, shutdownTimeoutMs: 2_000 });
  return Object.assign(handle, {
    get widgetServedByApp() {
      return widgetServedByApp;
    },
  });
}
