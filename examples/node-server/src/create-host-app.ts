import { readFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { mintWidgetToken } from '@company-chat/core';
import { getRequestListener } from '@hono/node-server';
import type { createCompanyChat } from './create-company-chat.js';
import { homePage, loginPage } from './pages.js';
import { createSessions, type HostUser } from './sessions.js';

/** Options of {@link createHostApp}. */
export interface HostAppOptions {
  chat: ReturnType<typeof createCompanyChat>;
  /** The same secret the chat app verifies widget tokens with. */
  widgetTokenSecret: string;
  /**
   * Path of the widget's built `company-chat.js`, served at `/company-chat.js`, with the chunks it loads
   * when first needed (the folder `chunks/` next to it) at `/chunks/<name>.js`.
   */
  widgetScript?: string;
}

const users: Record<string, HostUser> = {
  alice: { id: 'u-1001', name: 'Alice' },
  bob: { id: 'u-1002', name: 'Bob' },
};

const appScript = new URL('../public/app.js', import.meta.url);

/**
 * An existing Node app (plain `node:http`) that serves its own pages and login, with company-chat mounted
 * on `/api/v1/*` and `/health` of the same origin: no CORS, and the host decides who may chat by minting
 * widget tokens for its logged-in users at `/chat-token`.
 */
export function createHostApp(options: HostAppOptions): RequestListener {
  const sessions = createSessions();
  // The chat API is a fetch handler; @hono/node-server adapts it to node:http (and aborts the answer when
  // the browser goes away).
  const chatApi = getRequestListener(options.chat.app.fetch);

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.local');
    if (url.pathname.startsWith('/api/v1/') || url.pathname === '/health') {
      void chatApi(req, res);
      return;
    }
    route(req, res, url.pathname).catch((error) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
    });
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const user = sessions.user(req);
    if (req.method === 'GET' && path === '/') {
      send(res, 200, 'text/html; charset=utf-8', user ? homePage(user) : loginPage());
    } else if (req.method === 'POST' && path === '/login') {
      const form = new URLSearchParams(await readBody(req));
      const found = users[form.get('user') ?? ''];
      if (!found) return send(res, 400, 'text/plain', 'Unknown user');
      res.writeHead(303, { location: '/', 'set-cookie': sessions.start(found) }).end();
    } else if (req.method === 'POST' && path === '/logout') {
      res.writeHead(303, { location: '/', 'set-cookie': sessions.end(req) }).end();
    } else if (req.method === 'GET' && path === '/chat-token') {
      if (!user) return send(res, 401, 'application/json', JSON.stringify({ error: 'not logged in' }));
      const ttl = 600;
      const token = await mintWidgetToken({
        secret: options.widgetTokenSecret,
        user: { id: user.id, tenantId: 'acme' },
        ttl,
      });
      send(res, 200, 'application/json', JSON.stringify({ token, expiresIn: ttl }), { 'cache-control': 'no-store' });
    } else if (req.method === 'GET' && path === '/app.js') {
      send(res, 200, 'text/javascript', await readFile(appScript, 'utf8'));
    } else if (req.method === 'GET' && path === '/company-chat.js') {
      const script = options.widgetScript ? await readFile(options.widgetScript, 'utf8').catch(() => null) : null;
      if (script === null) return send(res, 404, 'text/plain', 'Build the widget: pnpm -F @company-chat/widget build');
      send(res, 200, 'text/javascript', script);
    } else if (req.method === 'GET' && /^\/chunks\/[\w-]+\.js$/.test(path) && options.widgetScript) {
      // Content-hashed names: cached for a year.
      const chunk = await readFile(join(dirname(options.widgetScript), path), 'utf8').catch(() => null);
      if (chunk === null) return send(res, 404, 'text/plain', 'Not found');
      send(res, 200, 'text/javascript', chunk, { 'cache-control': 'public, max-age=31536000, immutable' });
    } else {
      send(res, 404, 'text/plain', 'Not found');
    }
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, ...headers }).end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('body too large');
  }
  return body;
}
