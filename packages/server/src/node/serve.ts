import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as serveNode } from '@hono/node-server';
import { assertDevAppBind } from '../app/assert-dev-mode-allowed.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import { getChatAppEngine, isDevChatApp } from '../app/create-chat-app.js';

/** Options of {@link serve}. */
export interface ServeOptions {
  /** The app to serve, usually from `createChatApp()`. */
  // biome-ignore lint/suspicious/noExplicitAny: hono's fetch takes (request, env?, executionCtx?).
  app: { fetch: (request: Request, ...rest: any[]) => Response | Promise<Response> };
  /** Port to listen on; 0 picks a free one. Default 3000. */
  port?: number;
  /**
   * Interface to bind. Default `127.0.0.1`; use `0.0.0.0` to accept remote connections (refused for an
   * app in development mode, which trusts the unverified `X-User-Id` header).
   */
  hostname?: string;
  /**
   * Engine to warm up once listening and to shut down on close. Defaults to the engine the
   * `createChatApp()` app was made with.
   */
  engine?: Pick<ChatEnginePort, 'shutdown' | 'warmUp'>;
  /** How long `close()` waits for in-flight responses before cutting connections. Default 10 s. */
  shutdownTimeoutMs?: number;
}

/** A listening server. */
export interface ServerHandle {
  /** e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** The underlying Node server. */
  server: Server;
  /**
   * Graceful shutdown: stops accepting connections, ends in-flight chat streams through
   * `engine.shutdown()` (they get an `error` event and their partial answers are stored), waits for the
   * responses to finish, and after `shutdownTimeoutMs` closes whatever is left. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Serves a Hono app on Node with `@hono/node-server`. A client that disconnects aborts the request's
 * `signal` (the adapter aborts it when the response closes before it finished), which the chat route
 * passes to the engine.
 *
 * @example
 * ```ts
 * const handle = await serve({ app: createChatApp({ engine }), port: 3000 });
 * process.on('SIGTERM', () => handle.close());
 * ```
 */
export async function serve(options: ServeOptions): Promise<ServerHandle> {
  const hostname = options.hostname ?? '127.0.0.1';
  assertDevAppBind(isDevChatApp(options.app), hostname);
  const engine = options.engine ?? getChatAppEngine(options.app);
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const { server, info } = await new Promise<{ server: Server; info: AddressInfo }>((resolve, reject) => {
    const s = serveNode({ fetch: options.app.fetch, port: options.port ?? 3000, hostname }, (address) =>
      resolve({ server: s as Server, info: address }),
    ) as Server;
    s.once('error', reject);
  });
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= shutdown(server, engine, timeoutMs);
    return closing;
  };
  // Listening first: the tokenizer's seconds of CPU neither delay readiness nor the first answer. A load
  // failure is not fatal here; the first send that needs it reports it.
  engine?.warmUp?.().catch(() => {});
  return { url: `http://${host}:${info.port}`, port: info.port, server, close };
}

async function shutdown(server: Server, engine: Pick<ChatEnginePort, 'shutdown'> | undefined, timeoutMs: number) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Keep-alive connections become idle once their stream ends; close them as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const timeout = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([engine?.shutdown(), timeout]);
    if ((await Promise.race([closed, timeout])) === 'timeout') {
      server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(sweep);
  }
}
