import type { Context } from 'hono';

/** How the app learns a request's client address (for the per-address request ceiling). */
export type ClientAddressOf = (c: Context) => string | undefined;

interface RuntimeEnv {
  /** `@hono/node-server` passes the Node request. */
  incoming?: { socket?: { remoteAddress?: string } };
  /** Bun passes its server. */
  requestIP?: (request: Request) => { address: string } | null;
}

const onWorkers = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';

/**
 * The address of the peer that opened the connection: the socket on Node, `server.requestIP()` on Bun,
 * `CF-Connecting-IP` on Cloudflare Workers (set by Cloudflare, never by the client). Elsewhere, e.g.
 * `app.request()` in tests, none. Behind a reverse proxy this is the proxy: see {@link forwardedClientAddress}.
 */
export const socketClientAddress: ClientAddressOf = (c) => {
  const env = c.env as RuntimeEnv | undefined;
  const socket = env?.incoming?.socket?.remoteAddress;
  if (socket) return socket;
  if (typeof env?.requestIP === 'function') return env.requestIP(c.req.raw)?.address ?? undefined;
  return onWorkers ? c.req.header('cf-connecting-ip') : undefined;
};

/**
 * Behind `hops` reverse proxies that each append to `X-Forwarded-For`: the address the outermost trusted
 * proxy saw (the `hops`-th entry from the right). Entries further left are written by the client and
 * never trusted. Falls back to the socket address when the header has too few entries.
 */
export function forwardedClientAddress(hops: number): ClientAddressOf {
  return (c) => {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    return entries.length >= hops ? entries[entries.length - hops] : socketClientAddress(c);
  };
}
