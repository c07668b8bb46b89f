import type { Context } from 'hono';

/** How the app learns a request's client address (per-address limits, sign-in throttle, audit). */
export type ClientAddressOf = (c: Context) => string | undefined;

/**
 * The client's address as the runtime saw it: the socket's peer on Node (`@hono/node-server` passes the
 * request as `env.incoming`) and on Bun (our `serve()` passes the server, whose `requestIP()` knows it),
 * `CF-Connecting-IP` on Cloudflare Workers (set by Cloudflare's edge, which overwrites a client's own).
 * `undefined` where the runtime does not say (e.g. `app.request()` in tests).
 */
export function socketAddress(c: Context): string | undefined {
  const env = c.env as
    | {
        incoming?: { socket?: { remoteAddress?: string } };
        requestIP?: (request: Request) => { address: string } | null;
      }
    | undefined;
  const node = env?.incoming?.socket?.remoteAddress;
  if (node) return node;
  if (typeof env?.requestIP === 'function') return env.requestIP(c.req.raw)?.address ?? undefined;
  if ((c.req.raw as { cf?: unknown }).cf !== undefined) return c.req.header('cf-connecting-ip') ?? undefined;
  return undefined;
}

/**
 * The address of the client that sent the request, for per-address limits. With `trustProxy` 0 (the
 * default) only the connection counts and `X-Forwarded-For` is ignored, since any client can send it.
 * With `trustProxy` N, N proxies of yours stand in front of the server and each appends the address it
 * saw: the entry N places from the right is the client (fewer entries: the leftmost; none: the socket).
 * IPv4-mapped IPv6 addresses become IPv4 and IPv6 addresses their /64 network, because one client
 * usually holds a whole /64.
 */
export function clientAddress(c: Context, trustProxy = 0): string | undefined {
  const hops = [socketAddress(c)];
  if (trustProxy > 0) {
    const forwarded = c.req.header('x-forwarded-for');
    const entries = forwarded ? forwarded.split(',').map((entry) => entry.trim()) : [];
    hops.push(...entries.filter(Boolean).reverse());
  }
  const address = hops[Math.min(trustProxy, hops.length - 1)];
  return address ? normaliseAddress(address) : undefined;
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; `2001:db8::1` → `2001:db8:0:0::/64`; anything else trimmed. */
export function normaliseAddress(raw: string): string {
  const address = raw
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase()
    .slice(0, 64);
  const mapped = /^(?:0{0,4}:){0,5}ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address.replace(/^::/, '0:'));
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The connection's peer address (see {@link socketAddress}), normalised; `X-Forwarded-For` ignored. */
export const socketClientAddress: ClientAddressOf = (c) => clientAddress(c, 0);

/**
 * Behind `hops` reverse proxies of yours that each append to `X-Forwarded-For`: the address the
 * outermost trusted proxy saw. Same as `auth.trustProxy: hops`.
 */
export function forwardedClientAddress(hops: number): ClientAddressOf {
  return (c) => clientAddress(c, hops);
}
