import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromiumLaunchOptions } from '@company-chat/testing/chromium';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompanyChat } from '../src/create-company-chat.js';
import { createHostApp } from '../src/create-host-app.js';

// The "done when": a host page mints a widget token server-side and the widget chats with it,
// with no key in the page. This drives the real widget in Chromium through the host app's login.
const secret = 'example-widget-token-secret-0123456789abcdef';
// The built widget file, as the package exports it to script tags.
const widgetScript = createRequire(import.meta.url).resolve('@company-chat/widget/company-chat.js');
let wire: WireServer;
let server: Server;
let chat: ReturnType<typeof createCompanyChat>;
let url: string;
let browser: Browser;

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-example-upstream-key', answer: 'Expenses are filed in the portal.' });
  chat = createCompanyChat({
    openaiBaseURL: wire.openaiBaseURL,
    openaiApiKey: 'sk-example-upstream-key',
    azureEndpoint: wire.azureEndpoint,
    azureApiKey: 'sk-example-upstream-key',
    azureDeployment: 'gpt-4o',
    widgetTokenSecret: secret,
  });
  server = createServer(createHostApp({ chat, widgetTokenSecret: secret, widgetScript }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
});
afterAll(async () => {
  await browser?.close();
  await chat?.shutdown();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await wire?.close();
});

describe('examples/node-server in Chromium', () => {
  it('a logged-in user chats through the launcher with a widget token; the page holds no key', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    const apiAuth: string[] = [];
    tab.on('request', (r) => {
      if (r.url().includes('/api/v1/'))
        apiAuth.push(`${r.method()} ${new URL(r.url()).pathname} ${r.headers().authorization ?? ''}`);
    });
    await tab.goto(url);
    await tab.selectOption('select[name="user"]', 'alice');
    await tab.click('form[action="/login"] button');
    await tab.waitForURL(`${url}/`);
    const html = await tab.content();
    expect(html).not.toMatch(/sk-|cc_live_|example-widget-token-secret/);

    const timeout = 20_000;
    await tab.locator('company-chat [part="launcher"]').click({ timeout });
    const input = tab.locator('company-chat cc-composer textarea');
    await input.fill('How do I file expenses?', { timeout });
    await input.press('Enter');
    await tab
      .locator('company-chat cc-message[last]')
      .filter({ hasText: 'Expenses are filed in the portal.' })
      .waitFor({ timeout });

    // Every API call carried a short-lived widget token (a JWT), never an API key.
    expect(apiAuth.length).toBeGreaterThan(0);
    for (const header of apiAuth) expect(header).toMatch(/ Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(errors).toEqual([]);
  }, 60_000);
});
