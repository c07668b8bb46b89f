// The Chromium test of @company-chat/react (run: pnpm -F @company-chat/react test:browser).
// Bundles test/browser/app.ts (React + this package + the widget, browser builds) with esbuild, starts
// the real chat server (test/chat-server-process.ts), serves the page, and drives it in Debian's
// Chromium with playwright-core. Writes `{ passed, failed, skipped }` to $COMPANY_CHAT_TEST_RESULTS.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@company-chat/testing/chromium';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..', '..');
const results = { passed: 0, failed: 0, skipped: 0 };
const cleanups = [];

async function startChatServer() {
  const child = spawn(
    process.execPath,
    ['--conditions=@company-chat/source', '--import', 'tsx', join(pkgDir, 'test', 'chat-server-process.ts')],
    { cwd: pkgDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /CHAT_SERVER_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`chat server exited with ${code}`)));
  });
}

async function startPageServer() {
  const bundle = await build({
    entryPoints: [join(here, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    conditions: ['@company-chat/source', 'browser', 'module', 'import', 'default'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0].text;
  const page =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>react test</title></head><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>';
  const server = createServer((req, res) => {
    const isJs = req.url?.startsWith('/app.js');
    res.writeHead(200, { 'content-type': isJs ? 'text/javascript' : 'text/html' });
    res.end(isJs ? js : page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

async function test(name, body) {
  try {
    await body();
    results.passed++;
    console.log(`✓ ${name}`);
  } catch (error) {
    results.failed++;
    console.log(`✗ ${name}\n  ${error?.stack ?? error}`);
  }
}

try {
  const [endpoint, pageUrl] = await Promise.all([startChatServer(), startPageServer()]);
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await test('<CompanyChat> upgrades and chats with events; a useChat() UI streams beside it', async () => {
    await page.goto(`${pageUrl}/?endpoint=${encodeURIComponent(endpoint)}`);
    const timeout = 20_000;

    // The widget, loaded lazily by <CompanyChat>, with its props and events wired by @lit/react.
    const input = page.locator('company-chat cc-composer textarea');
    await input.fill('hello widget', { timeout });
    await input.press('Enter');
    await page
      .locator('company-chat cc-message[last]')
      .filter({ hasText: 'You said: hello widget' })
      .waitFor({ timeout });
    await page.waitForFunction(() => window.ccLog.some((e) => e.startsWith('complete:')), null, { timeout });
    const log = await page.evaluate(() => window.ccLog);
    if (log[0] !== 'sent:hello widget') throw new Error(`onMessageSent: ${JSON.stringify(log)}`);
    if (!log.includes('complete:complete:You said: hello widget'))
      throw new Error(`onAnswerComplete: ${JSON.stringify(log)}`);

    // The custom UI: a send streams into useChat().messages and the conversation list refreshes.
    await page.fill('#draft', 'hello hook');
    await page.click('button[type=submit]');
    await page
      .locator('#messages li[data-role=assistant][data-status=complete]')
      .filter({ hasText: 'You said: hello hook' })
      .waitFor({ timeout });
    // Both chats ran as the same user: the widget's conversation and the hook's.
    await page.locator('#conversation-count').filter({ hasText: '2' }).waitFor({ timeout });
    if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  });
} catch (error) {
  results.failed++;
  console.log(`✗ setup failed\n  ${error?.stack ?? error}`);
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
}

console.log(`${results.passed} passed, ${results.failed} failed`);
if (process.env.COMPANY_CHAT_TEST_RESULTS)
  writeFileSync(process.env.COMPANY_CHAT_TEST_RESULTS, JSON.stringify(results));
process.exit(results.failed ? 1 : 0);
