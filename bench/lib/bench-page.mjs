// What the browser benchmarks share: playwright-core and esbuild from the widget package, bundling a
// bench entry from the workspace sources, a page on a fake origin, and main-thread time from CDP.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@company-chat/testing/chromium';

/** The widget package's directory. */
export const widgetDir = join(dirname(fileURLToPath(import.meta.url)), '../../packages/widget');

/** `require` from the widget package, where playwright-core, esbuild and deep-chat are installed. */
export const widgetRequire = createRequire(join(widgetDir, 'package.json'));

const { chromium } = widgetRequire('playwright-core');
const esbuild = widgetRequire('esbuild');

/** Launches Debian's Chromium with the shared launch options. */
export function launchBrowser() {
  return chromium.launch(chromiumLaunchOptions);
}

/** Bundles `entry` from the workspace sources for the page (esbuild options may be overridden). */
export async function bundleForBrowser(entry, options = {}) {
  const built = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    conditions: ['@company-chat/source', 'browser', 'module', 'import', 'default'],
    absWorkingDir: widgetDir,
    nodePaths: [join(widgetDir, 'node_modules')],
    ...options,
  });
  return built.outputFiles;
}

/**
 * Opens a page at http://bench.localhost/ whose requests `serve(path)` answers (playwright `fulfill`
 * options, or undefined for the page itself: `html`), and waits until `ready` holds in the page.
 */
export async function openBenchPage(browser, { serve, html, ready, viewport }) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  await page.route('http://bench.localhost/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const response = serve(path);
    return route.fulfill(response ?? { contentType: 'text/html', body: html });
  });
  await page.goto('http://bench.localhost/');
  await page.waitForFunction(ready);
  return page;
}

/** Returns a clock of the page's main-thread time (CDP `TaskDuration`, in milliseconds). */
export async function mainThreadClock(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const clock = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  clock.cdp = cdp;
  return clock;
}

/** Opens a page that runs one bundled `script` and waits for it to define `window.bench`. */
export function openScriptPage(browser, script) {
  return openBenchPage(browser, {
    serve: (path) => (path === '/bench.js' ? { body: script, contentType: 'text/javascript' } : undefined),
    html: '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>',
    ready: () => 'bench' in window,
  });
}
