import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@company-chat/testing/chromium';
// The real chat server with a scripted model (CORS open).
import { startChatTestServer } from '@company-chat/testing/server';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'cc-react-vite-'));
let html = '';
let entry = '';
let chunks: Record<string, string> = {};
let chat: Awaited<ReturnType<typeof startChatTestServer>>;

beforeAll(async () => {
  chat = await startChatTestServer({ models: 1 });
  // Built against the running chat server, as a team sets VITE_CHAT_ENDPOINT for its deployment.
  process.env.VITE_CHAT_ENDPOINT = chat.url;
  // The example's own vite.config.ts, plus the workspace-source condition so that the packages are
  // built from their TypeScript sources (no stale dist/).
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      mode: 'production',
      logLevel: 'silent',
      resolve: { conditions: ['@company-chat/source', 'module', 'browser', 'development|production'] },
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    delete process.env.VITE_CHAT_ENDPOINT;
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const assets = join(outDir, 'assets');
  chunks = Object.fromEntries(
    readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, readFileSync(join(assets, f), 'utf8')]),
  );
  const src = /<script type="module" crossorigin src="\/assets\/([^"]+\.js)"/.exec(html)?.[1] ?? '';
  entry = chunks[src] ?? '';
}, 120_000);
afterAll(async () => {
  await chat?.close();
  rmSync(outDir, { recursive: true, force: true });
});

// Checks by `includes` (not toContain) so that a failure does not print a 200 KB bundle.
const has = (code: string, text: string | RegExp) => (typeof text === 'string' ? code.includes(text) : text.test(code));

describe('examples/react-vite builds', () => {
  test('index.html loads the app bundle', () => {
    expect(html).toContain('<div id="root"></div>');
    expect(entry.length).toBeGreaterThan(1000);
  });

  test('the app bundle has the React app, useChat on the chat client, and <CompanyChat> with its events', () => {
    expect(has(entry, 'Acme support'), 'the app').toBe(true);
    expect(has(entry, 'useSyncExternalStore'), 'useChat').toBe(true);
    expect(has(entry, '/api/v1'), 'ChatClient, which useChat drives').toBe(true);
    expect(has(entry, /["'`]company-chat["'`]/), 'the wrapped tag').toBe(true);
    for (const event of ['cc-message-sent', 'cc-answer-complete', 'cc-error'])
      expect(has(entry, event), event).toBe(true);
    // React's production build, not the development one.
    expect(has(entry, 'react-stack-top-frame'), 'React development build').toBe(false);
    // The widget is not in the app bundle: <CompanyChat> loads it on mount.
    expect(has(entry, 'customElements.define'), 'widget in the app bundle').toBe(false);
  });

  test('the widget is split into a chunk the app imports lazily, and registers the element there', () => {
    // The widget's chunk is the one with its composer; the registration may sit in a chunk it imports,
    // shared with the widget's own lazy parts (conversation list, "More actions").
    const widget = Object.entries(chunks).find(([, code]) => has(code, 'cc-composer'));
    expect(widget, 'the widget chunk').toBeDefined();
    const [file, code] = widget as [string, string];
    const imported = [...code.matchAll(/from\s*["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => chunks[m[1] as string] ?? '');
    expect(
      [code, ...imported].some((c) => has(c, /customElements\.define\(\w+,\w+\)/)),
      'element registration in the widget chunk or a chunk it imports',
    ).toBe(true);
    expect(has(entry, 'customElements.define'), 'no registration in the app entry').toBe(false);
    const lazyImport = new RegExp(`import\\(["'\`]\\./${file.replace('.', '\\.')}["'\`]\\)`);
    expect(has(entry, lazyImport), 'dynamic import of the widget chunk').toBe(true);
  });
});

/** Serves the build output, like any static host would. */
async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = req.url === '/' ? '/index.html' : (req.url ?? '/').split('?')[0];
    try {
      const body = readFileSync(join(dir, path as string));
      res.writeHead(200, { 'content-type': types[extname(path as string)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the built app in Chromium', () => {
  test('the useChat() UI streams an answer and lists the conversation; the <CompanyChat> launcher chats too', async () => {
    const site = await serveStatic(outDir);
    const browser = await chromium.launch({
      ...chromiumLaunchOptions,
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(site.url);
      const timeout = 20_000;

      await page.getByLabel('Message').fill('hello from the app', { timeout });
      await page.getByRole('button', { name: 'Send' }).click();
      await page
        .locator('.message.assistant[data-status="complete"]', { hasText: 'You said: hello from the app' })
        .waitFor({ timeout });
      await page.locator('.conversations li').first().waitFor({ timeout });

      await page.locator('company-chat [part="launcher"]').click({ timeout });
      const input = page.locator('company-chat cc-composer textarea');
      await input.fill('hello from the launcher');
      await input.press('Enter');
      await page
        .locator('company-chat cc-message[last]', { hasText: 'You said: hello from the launcher' })
        .waitFor({ timeout });
      await page.locator('.event', { hasText: 'answer complete' }).waitFor({ timeout });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      site.server.close();
    }
  }, 90_000);
});
