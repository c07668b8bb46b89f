import { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { DOCS_UI_PATH, type DocsUiAssets } from './docs-ui-assets.js';

// No inline script or style anywhere on the page, so the policy needs neither 'unsafe-inline' nor a nonce;
// images are the renderer's own icons (data: URLs). The validator badge (a remote image) is turned off.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /api/docs`: the API reference rendered by Swagger UI from `GET /api/v1/openapi.json`, with the
 * renderer's files served by this server under a versioned path (cached for a year), never from a CDN.
 */
export function docsUiRoutes(assets: DocsUiAssets): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = `${DOCS_UI_PATH}/assets/${encodeURIComponent(assets.version)}`;
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>company-chat API</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/init.js"></script>
</body>
</html>
`;
  // Relative to the page, so the docs work behind a reverse proxy that mounts the server under a prefix.
  const init = `window.ui = SwaggerUIBundle({ url: new URL('v1/openapi.json', location.href).href, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;
  const secure = { 'x-content-type-options': 'nosniff' };

  app.get(DOCS_UI_PATH, (c) =>
    c.html(page, 200, {
      ...secure,
      'content-security-policy': CSP,
      'cache-control': 'no-cache',
      'referrer-policy': 'no-referrer',
    }),
  );
  const files: Record<string, { body: string; type: string }> = {
    'swagger-ui-bundle.js': { body: assets.script, type: 'text/javascript; charset=utf-8' },
    'init.js': { body: init, type: 'text/javascript; charset=utf-8' },
    'swagger-ui.css': { body: assets.css, type: 'text/css; charset=utf-8' },
  };
  app.get(`${base}/:name`, (c) => {
    const file = files[c.req.param('name')];
    if (!file) return c.notFound();
    return c.body(file.body, 200, { ...secure, 'content-type': file.type, 'cache-control': IMMUTABLE });
  });
  return app;
}
