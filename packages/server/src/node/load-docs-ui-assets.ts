import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocsUiAssets } from '../openapi/docs-ui-assets.js';

/**
 * Reads the docs page's renderer (Swagger UI from the installed `swagger-ui-dist`) for
 * `createChatApp({ docsUi })`. Works on Node and Bun. Never throws: `{ assets }`, or `{ error }` saying
 * why the page is unavailable, so the caller can log it and still serve the API.
 *
 * @example
 * ```ts
 * const docs = await loadDocsUiAssets();
 * const app = createChatApp({ engine, ...('assets' in docs ? { docsUi: docs.assets } : {}) });
 * ```
 */
export async function loadDocsUiAssets(): Promise<{ assets: DocsUiAssets } | { error: string }> {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    return { error: 'the swagger-ui-dist package is not installed' };
  }
  try {
    const [pkg, script, css] = await Promise.all([
      readFile(join(dir, 'package.json'), 'utf8'),
      readFile(join(dir, 'swagger-ui-bundle.js'), 'utf8'),
      readFile(join(dir, 'swagger-ui.css'), 'utf8'),
    ]);
    return { assets: { version: (JSON.parse(pkg) as { version: string }).version, script, css } };
  } catch (error) {
    return { error: `the docs page's files could not be read (${(error as Error).message})` };
  }
}
