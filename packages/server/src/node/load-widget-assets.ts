import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WidgetAssets } from '../widget/widget-assets.js';

/**
 * Reads the built widget (`@company-chat/widget/company-chat.js`), its lazy chunks (the `chunks/` folder
 * next to it) and its demo page from the installed package. Never throws: `{ assets }` to pass to
 * `createChatApp({ widget: assets })`, or `{ error }` saying why the widget is unavailable (not installed,
 * not built), so the caller can log it and still serve the API.
 *
 * @example
 * ```ts
 * const widget = await loadWidgetAssets();
 * if ('error' in widget) console.warn(`No widget: ${widget.error}`);
 * const app = createChatApp({ engine, ...('assets' in widget ? { widget: widget.assets } : {}) });
 * ```
 */
export async function loadWidgetAssets(): Promise<{ assets: WidgetAssets } | { error: string }> {
  const require = createRequire(import.meta.url);
  let scriptPath: string;
  let pagePath: string;
  try {
    scriptPath = require.resolve('@company-chat/widget/company-chat.js');
    pagePath = require.resolve('@company-chat/widget/demo.html');
  } catch {
    return { error: 'the @company-chat/widget package is not installed' };
  }
  try {
    const [script, demoPage, chunks] = await Promise.all([
      readFile(scriptPath, 'utf8'),
      readFile(pagePath, 'utf8'),
      readChunks(join(dirname(scriptPath), 'chunks')),
    ]);
    return { assets: { script, demoPage, chunks } };
  } catch {
    return { error: `the widget is not built (${scriptPath} is missing; run \`pnpm build\`)` };
  }
}

/** Every `.js` file of the chunks folder by name; none when the build made no chunks. */
async function readChunks(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.js'));
  const bodies = await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')));
  return Object.fromEntries(files.map((name, i) => [name, bodies[i] as string]));
}
