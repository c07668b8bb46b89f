import { assertDevAppBind } from '../app/assert-dev-mode-allowed.js';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import { getChatAppEngine, isDevChatApp } from '../app/create-chat-app.js';
import { type BunServer, bunRuntime } from './bun-runtime.js';

/**
 * Bun's default idle timeout (10 s) closes any connection that sends nothing for that long, which cuts an
 * SSE stream while the model thinks. 255 s is Bun's maximum; the chat route's 15 s `: ping` heartbeat keeps
 * a live stream well inside it, while dead connections are still reaped.
 */
export const BUN_SSE_IDLE_TIMEOUT_SECONDS = 255;

/** Options of {@link serve}. */
export interface BunServeOptions {
  /** The app to serve, usually from `createChatApp()`. */
  // biome-ignore lint/suspicious/noExplicitAny: hono's fetch takes (request, env?, executionCtx?).
  app: { fetch: (request: Request, ...rest: any[]) => Response | Promise<Response> };
  /** Port to listen on; 0 picks a free one. Default 3000. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`; use `0.0.0.0` to accept remote connections. */
  hostname?: string;
  /**
   * Engine to warm up once listening and to shut down on close. Defaults to the engine the
   * `createChatApp()` app was made with.
   */
  engine?: Pick<ChatEnginePort, 'shutdown' | 'warmUp'>;
  /** Bun's `idleTimeout` in seconds (0 disables it). Default {@link BUN_SSE_IDLE_TIMEOUT_SECONDS}. */
  idleTimeout?: number;
  /** How long `close()` waits for in-flight responses before cutting connections. Default 10 s. */
  shutdownTimeoutMs?: number;
}

/** A listening Bun server. */
export interface BunServerHandle {
  /** e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** The underlying `Bun.serve()` server. */
  server: BunServer;
  /**
   * Graceful shutdown: stops accepting connections, ends in-flight chat streams through
   * `engine.shutdown()` (they get an `error` event and their partial answers are stored), waits for the
   * responses to finish, and after `shutdownTimeoutMs` closes whatever is left. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Serves a Hono app with `Bun.serve()`. Bun aborts `request.signal` and cancels the response stream when
 * the client disconnects, which the chat route turns into an abort of the provider request.
 *
 * @example
 * ```ts
 * import { serve } from '@company-chat/server/bun';
 * const handle = await serve({ app: createChatApp({ engine }), port: 3000 });
 * process.on('SIGTERM', () => handle.close());
 * ```
 */
export async function serve(options: BunServeOptions): Promise<BunServerHandle> {
  assertDevAppBind(isDevChatApp(options.app), options.hostname ?? '127.0.0.1');
  const engine = options.engine ?? getChatAppEngine(options.app);
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const server = bunRuntime().serve({
    // The server as the app's env lets it read the client's address (`server.requestIP()`).
    fetch: (request: Request, bunServer: BunServer) => options.app.fetch(request, bunServer),
    port: options.port ?? 3000,
    hostname: options.hostname ?? '127.0.0.1',
    idleTimeout: options.idleTimeout ?? BUN_SSE_IDLE_TIMEOUT_SECONDS,
  });
  const host = server.hostname.includes(':') ? `[${server.hostname}]` : server.hostname;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= shutdown(server, engine, timeoutMs);
    return closing;
  };
  // Listening first: the tokenizer's seconds of CPU neither delay readiness nor the first answer. A load
  // failure is not fatal here; the first send that needs it reports it.
  engine?.warmUp?.().catch(() => {});
  return { url: `http://${host}:${server.port}`, port: server.port, server, close };
}

async function shutdown(server: BunServer, engine: Pick<ChatEnginePort, 'shutdown'> | undefined, timeoutMs: number) {
  // stop(false) refuses new connections at once and resolves when the open ones have finished.
  const closed = server.stop(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    await Promise.race([engine?.shutdown(), timeout]);
    if ((await Promise.race([closed, timeout])) === 'timeout') await server.stop(true);
  } finally {
    clearTimeout(timer);
  }
}
