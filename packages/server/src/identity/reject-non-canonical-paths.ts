import { CompanyChatError } from '@company-chat/core';
import type { Context, MiddlewareHandler } from 'hono';

// `//`, `/./` or `/../` segments (also at the end), a raw backslash, a trailing slash.
const suspicious = /\/\/|\/\.\.?(?:\/|$)|\\|.\/$/;
// A percent-encoded character that needs no encoding (RFC 3986 unreserved: letters, digits, `-._~`)
// or that is a path separator (`/`, `\`): `%2e`, `%61dmin`, `%2f`, `%5c`. A canonical path never has one.
const encodedUnreservedOrSlash = /%(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[def]|5[cf]|7e)/i;

/**
 * Answers 404 to API paths that are not in canonical form (percent-encoded letters, digits, dots or
 * slashes, `//`, dot segments, backslashes, trailing slashes, another letter case), before any route or
 * authorization sees them. Routes and role checks then only ever see one spelling of each path, so no
 * variant of `/api/v1/admin/...` can reach a handler by a path the role check did not expect. The check
 * reads the request target exactly as the client sent it when the runtime keeps it (Node: the request
 * line, before the URL parser resolves `..` and `%2e` segments), else the URL the runtime passed on.
 * The `Host` header plays no part in routing.
 */
export function rejectNonCanonicalPaths(): MiddlewareHandler {
  return async (c, next) => {
    const raw = rawPath(c);
    const isApi = [raw, safeDecode(raw), c.req.path].some((path) =>
      path.toLowerCase().replace(/\/+/g, '/').startsWith('/api'),
    );
    if (isApi && (suspicious.test(raw) || encodedUnreservedOrSlash.test(raw) || !raw.startsWith('/api/'))) {
      throw new CompanyChatError({ code: 'not_found', message: 'No such path (paths must be in canonical form).' });
    }
    await next();
  };
}

/** The path as sent, before any decoding or dot-segment resolution, without query or fragment. */
function rawPath(c: Context): string {
  const line = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
  const target = typeof line === 'string' && line !== '' ? line : c.req.url;
  // An absolute-form target (`GET http://host/path`) or the URL: keep what follows the authority.
  const start = target.startsWith('/') ? 0 : target.indexOf('/', target.indexOf('//') + 2);
  return start === -1 ? '/' : target.slice(start).split(/[?#]/, 1)[0] || '/';
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
