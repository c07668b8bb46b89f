import type { ServerHandle } from '@company-chat/server/node';
import { chromiumLaunchOptions } from '@company-chat/testing/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChatServer, startPageServer } from './start-intranet.js';

let chat: ServerHandle;
let page: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  let chatUrl = '';
  page = await startPageServer(() => chatUrl);
  chat = await startChatServer(page.url);
  chatUrl = chat.url;
  browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
});
afterAll(async () => {
  await browser?.close();
  await chat?.close();
  await page?.close();
});

describe('examples/intranet-page in Chromium', () => {
  test('the launcher opens and chats with the server, and the conversation is stored', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(page.url);
    const timeout = 20_000;

    await tab.locator('company-chat [part="launcher"]').click({ timeout });
    const input = tab.locator('company-chat cc-composer textarea');
    await input.fill('Where is the expense policy?', { timeout });
    await input.press('Enter');
    const answer = tab
      .locator('company-chat cc-message[last]')
      .filter({ hasText: 'You said: Where is the expense policy?' });
    await answer.waitFor({ timeout });

    // Stored on the server under the (development-mode) default user.
    const response = await fetch(`${chat.url}/api/v1/conversations`);
    const { conversations } = (await response.json()) as { conversations: { title: string }[] };
    expect(conversations).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 60_000);
});
