import { chromiumLaunchOptions } from '@company-chat/testing/chromium';
import { scriptedChatModel } from '@company-chat/testing/models';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocsUiAssets } from '../src/node/load-docs-ui-assets.js';
import { type ServerHandle, serve } from '../src/node/serve.js';
import { createTestApp } from './test-app.js';

let browser: Browser;
let handle: ServerHandle;

beforeAll(async () => {
  const docs = await loadDocsUiAssets();
  if ('error' in docs) throw new Error(docs.error);
  const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['Hi'] }) }, { docsUi: docs.assets });
  handle = await serve({ app, port: 0 });
  browser = await chromium.launch(chromiumLaunchOptions);
});
afterAll(async () => {
  await browser?.close();
  await handle?.close();
});

describe('the API docs page in Chromium', () => {
  it('renders every operation from our own files under its CSP, with no violation and no other origin', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(handle.url) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    // Runs before the page's scripts; CSP reports every blocked script, style, image or fetch as this event.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });

    const response = await page.goto(`${handle.url}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe');
    await page.locator('.opblock-summary-path[data-path="/api/v1/chat"]').waitFor({ state: 'attached' });
    // Open the chat operation: its request body and SSE answer render too (schemas resolved from $refs).
    await page.locator('#operations-Chat-postChat .opblock-summary').click();
    await page.locator('#operations-Chat-postChat .responses-wrapper').waitFor({ state: 'attached' });
    expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(40);

    const asset = await page.request.get(
      `${handle.url}${await page.locator('script[src$="swagger-ui-bundle.js"]').getAttribute('src')}`,
    );
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
