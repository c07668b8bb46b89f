import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { WIDGET_CHUNKS_PATH, WIDGET_SCRIPT_PATH, type WidgetAssets } from './widget-assets.js';

/**
 * Serves the widget file at {@link WIDGET_SCRIPT_PATH}, its lazy chunks under {@link WIDGET_CHUNKS_PATH}
 * and the demo page at `/`.
 * The script is a public asset: any page may load it with `<script type="module">`, which is a CORS
 * request, hence `Access-Control-Allow-Origin: *`. Who may then call the API is decided by the API's
 * own CORS allowlist and credentials, not by who can fetch this file.
 * The script keeps one name across versions, so browsers revalidate it; a chunk's name changes with its
 * content, so it is cached for a year without revalidation.
 */
export function widgetRoutes(assets: WidgetAssets): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // A weak validator from the content length and a cheap hash, so browsers revalidate instead of re-downloading.
  const etag = `W/"${assets.script.length.toString(36)}-${hash(assets.script)}"`;
  app.get(WIDGET_SCRIPT_PATH, (c) => {
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
    return c.body(assets.script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300, must-revalidate',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
      etag,
    });
  });
  const chunks = new Map(Object.entries(assets.chunks ?? {}));
  app.get(`${WIDGET_CHUNKS_PATH}/:name`, (c) => {
    const body = chunks.get(c.req.param('name'));
    if (body === undefined) return c.notFound();
    return c.body(body, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    });
  });
  if (assets.demoPage) {
    const page = assets.demoPage;
    app.get('/', (c) =>
      c.html(page, 200, {
        // The demo page runs only our own module: a strict CSP proves the widget needs no eval or inline script.
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
        'x-content-type-options': 'nosniff',
      }),
    );
  }
  return app;
}

/** FNV-1a over the string: only for cache validation, not security. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
