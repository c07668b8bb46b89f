import { CompanyChatError } from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';

// Percent-encoded dot, slash and backslash; `//`, `/./`, `/../`, a raw backslash, a trailing slash.
const suspicious = /%2e|%2f|%5c|\/\/|\/\.\.?(?:\/|$)|\\|.\/$/i;

/**
 * Answers 404 to API paths that are not in canonical form (encoded dots or slashes, `//`, dot segments,
 * backslashes, trailing slashes, another letter case), before any route or authorization sees them. Routes
 * and role checks then only ever see one spelling of each path, so no variant of `/api/v1/admin/...`
 * can reach a handler by a path the role check did not expect. The `Host` header plays no part in routing.
 */
export function rejectNonCanonicalPaths(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    // The raw path as sent, before any decoding (the part of the URL after the authority, without query).
    const rawPath = url.slice(url.indexOf('/', url.indexOf('//') + 2)).split(/[?#]/, 1)[0] ?? '/';
    const lower = safeDecode(rawPath).toLowerCase();
    const isApi = lower.startsWith('/api') || lower.replace(/\/+/g, '/').startsWith('/api');
    if (isApi && (suspicious.test(rawPath) || !rawPath.startsWith('/api/'))) {
      throw new CompanyChatError({ code: 'not_found', message: 'No such path (paths must be in canonical form).' });
    }
    await next();
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
