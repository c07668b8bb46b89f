import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { WidgetAssets } from '../widget/widget-assets.js';

/**
 * Reads the built widget (`@company-chat/widget/company-chat.js`) and its demo page from the installed
 * package. Returns null, rather than failing the server, when the widget is not installed or not built,
 * so the API still serves; the caller logs why.
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
    const [script, demoPage] = await Promise.all([readFile(scriptPath, 'utf8'), readFile(pagePath, 'utf8')]);
    return { assets: { script, demoPage } };
  } catch {
    return { error: `the widget is not built (${scriptPath} is missing; run \`pnpm build\`)` };
  }
}
