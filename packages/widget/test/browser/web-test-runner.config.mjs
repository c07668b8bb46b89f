// Browser tests of <company-chat> in Debian's Chromium (never a downloaded browser), against a real
// company-chat server started for the run. Run: pnpm -F @company-chat/widget test:browser
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@company-chat/testing/chromium';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';

const here = dirname(fileURLToPath(import.meta.url));
const widgetDir = join(here, '..', '..');
const repoRoot = join(widgetDir, '..', '..');
const screenshotDir = join(here, '__screenshots__');

const cdpSessions = new WeakMap();
// Uncaught errors of each test page (Playwright's `pageerror`): helpers.js fails the test they happen in.
const pageErrors = new WeakMap();

/** Starts test/browser/start-test-server.ts (TypeScript sources, through tsx) and learns its URL. */
function chatServerPlugin() {
  let child;
  let url;
  const downloads = new Map();
  return {
    name: 'company-chat-test-server',
    async serverStart() {
      child = spawn(
        process.execPath,
        ['--conditions=@company-chat/source', '--import', 'tsx', join(here, 'start-test-server.ts')],
        { cwd: widgetDir, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      url = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /CHAT_SERVER_URL=(\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
      });
    },
    async serverStop() {
      child?.kill('SIGTERM');
    },
    serve(context) {
      if (context.path === '/__cc-test-config.js') {
        return { body: `export const endpoint = ${JSON.stringify(url)};`, type: 'js' };
      }
      // Two pages of a host site with the launcher (`?user=` names the chat user): the conversation must
      // follow the user from one to the other.
      const site = /^\/__cc-site\/(one|two)\.html$/.exec(context.path);
      if (site) {
        return {
          type: 'html',
          body: `<!doctype html><html lang="en"><head><title>Intranet ${site[1]}</title></head><body>
<h1>Intranet page ${site[1]}</h1>
<company-chat mode="launcher" endpoint="${url}"></company-chat>
<script>document.querySelector('company-chat').headers = { 'x-user-id': new URLSearchParams(location.search).get('user') };</script>
<script type="module" src="/packages/widget/dist/company-chat.js"></script></body></html>`,
        };
      }
      // A page served with a strict CSP: the widget must load and chat without any violation.
      if (context.path === '/__cc-csp-page.html') {
        return {
          type: 'html',
          headers: {
            'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${url}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
          },
          body: `<!doctype html><html lang="en"><head><title>CSP</title>
<script src="/packages/widget/test/browser/fixtures/csp-probe.js"></script>
<script type="module" src="/packages/widget/dist/company-chat.js"></script></head>
<body><company-chat mode="inline" endpoint="${url}"></company-chat></body></html>`,
        };
      }
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'cc-screenshot') {
        const page = session.browser.getPage(session.id);
        if (payload.width) await page.setViewportSize({ width: payload.width, height: payload.height });
        mkdirSync(screenshotDir, { recursive: true });
        const path = join(screenshotDir, `${payload.name}.png`);
        await page.screenshot({ path, fullPage: false, ...(payload.clip ? { clip: payload.clip } : {}) });
        return path;
      }
      if (command === 'cc-visit-demo') {
        // A plain page from the chat server itself (one script tag, one element), in a fresh tab.
        const tab = await session.browser.getPage(session.id).context().newPage();
        try {
          await tab.setViewportSize({ width: 1100, height: 700 });
          await tab.goto(url);
          const input = tab.locator('company-chat').locator('cc-composer').locator('textarea');
          await input.fill(payload.message);
          await input.press('Enter');
          const answer = tab.locator('company-chat cc-message[last] cc-markdown');
          await answer.filter({ hasText: payload.expect }).waitFor({ timeout: 15000 });
          mkdirSync(screenshotDir, { recursive: true });
          await tab.screenshot({ path: join(screenshotDir, 'demo-page.png') });
          return await answer.evaluate((el) => el.shadowRoot.textContent);
        } finally {
          await tab.close();
        }
      }
      // Viewport in CSS pixels; `scale` 2 with half a window's width is that window at 200% zoom.
      // Without a size: back to the default 800 × 600.
      if (command === 'cc-viewport') {
        const page = session.browser.getPage(session.id);
        if (!payload?.scale) {
          await cdpSessions.get(page)?.send('Emulation.clearDeviceMetricsOverride');
          await page.setViewportSize({ width: payload?.width ?? 800, height: payload?.height ?? 600 });
          return true;
        }
        // An override lasts as long as the CDP session that set it: one session per page, kept open.
        if (!cdpSessions.has(page)) cdpSessions.set(page, await page.context().newCDPSession(page));
        const cdp = cdpSessions.get(page);
        await cdp.send('Emulation.setDeviceMetricsOverride', {
          width: payload.width,
          height: payload.height,
          deviceScaleFactor: payload.scale,
          mobile: false,
        });
        return true;
      }
      if (command === 'cc-page-errors') {
        const page = session.browser.getPage(session.id);
        const errors = pageErrors.get(page) ?? [];
        pageErrors.set(page, []);
        return errors;
      }
      if (command === 'cc-grant-clipboard') {
        const page = session.browser.getPage(session.id);
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
        return true;
      }
      // Downloads: armed before the click that starts one, then taken (name and text) once it finished.
      if (command === 'cc-arm-download') {
        const page = session.browser.getPage(session.id);
        downloads.set(session.id, page.waitForEvent('download', { timeout: 20000 }));
        return true;
      }
      if (command === 'cc-take-download') {
        const download = await downloads.get(session.id);
        downloads.delete(session.id);
        const path = await download.path();
        return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
      }
      if (command === 'cc-emulate') {
        const page = session.browser.getPage(session.id);
        await page.emulateMedia(payload);
        return true;
      }
      return undefined;
    },
  };
}

/** Writes `{ passed, failed, skipped }` where scripts/test-all.mjs reads the totals (COMPANY_CHAT_TEST_RESULTS). */
function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.COMPANY_CHAT_TEST_RESULTS;
      if (!file) return;
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) totals.skipped++;
          else if (test.passed) totals.passed++;
          else totals.failed++;
        }
        for (const child of suite.suites) count(child);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load (or errored outside a test) counts as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}

export default {
  reporters: [defaultReporter(), totalsReporter()],
  rootDir: repoRoot,
  files: [join(here, '**/*.test.js')],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 300000,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        ...chromiumLaunchOptions,
      },
      async createPage({ context }) {
        const page = await context.newPage();
        pageErrors.set(page, []);
        page.on('pageerror', (error) => pageErrors.get(page)?.push(String(error.stack ?? error)));
        return page;
      },
    }),
  ],
  plugins: [chatServerPlugin()],
};
