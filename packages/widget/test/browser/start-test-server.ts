// The real company-chat server for the browser tests (createChatApp + createChatEngine + memory store +
// scripted models), started by web-test-runner.config.mjs as a child process through tsx. It also serves
// widget/demo/index.html at / and dist/company-chat.js at /widget/company-chat.js (its lazy chunks under
// /widget/chunks/). Extra routes:
// `/evil/*` stands in for an attacker's server (XSS payloads point at it) and `/__requests` lists every
// request the server saw, so a test can prove that no request left the page. `POST /__seed` stores a
// user's conversations directly (a long history, faster than chatting and free of the rate limit).
import { existsSync, readFileSync } from 'node:fs';
import { createMemoryChatStore, createMemoryQuotaLedger, createMemoryRateLimiter } from '@company-chat/core';
import { startChatTestServer } from '@company-chat/testing/server';
import { cannedReplies } from './fixtures/canned-replies.js';

const seen: string[] = [];
const store = createMemoryChatStore();
const server = await startChatTestServer({
  store,
  replies: cannedReplies,
  files: true,
  // A daily token budget large enough for every test, so the widget shows the remaining quota, and the
  // documented example rate of 10 messages a minute (every test chats as its own user).
  quotas: (() => {
    const tiers = { free: { tokensPerDay: 1_000_000, messagesPerMinute: 10 } };
    return {
      tiers,
      ledger: createMemoryQuotaLedger({ tiers }),
      rateLimiter: createMemoryRateLimiter({ tiers }),
      // Every test's browser shares one loopback address; the per-address ceiling has its own tests.
      requestsPerMinutePerAddress: 0,
    };
  })(),
  routes(app) {
    app.use('*', async (c, next) => {
      const url = new URL(c.req.url);
      if (url.pathname !== '/__requests') seen.push(`${c.req.method} ${url.pathname}${url.search}`);
      await next();
    });
    app.get('/__requests', (c) => c.json(seen));
    // Body: { user, titles: string[] }, oldest first; each conversation gets a question and an answer.
    app.post('/__seed', async (c) => {
      const { user, titles } = await c.req.json<{ user: string; titles: string[] }>();
      const owner = { tenantId: 'default', userId: user };
      const ids: string[] = [];
      for (const title of titles) {
        const { conversation, message } = await store.startConversation(owner, { title }, { content: title });
        await store.appendMessage(owner, {
          conversationId: conversation.id,
          parentId: message.id,
          role: 'assistant',
          content: `About ${title}.`,
          status: 'complete',
        });
        ids.push(conversation.id);
      }
      return c.json({ ids });
    });
    // As \`company-chat serve\` is meant to: the demo page at / and the widget file for script tags.
    const widgetDir = new URL('../../', import.meta.url);
    app.get('/', (c) => c.html(readFileSync(new URL('demo/index.html', widgetDir), 'utf8')));
    app.get('/widget/company-chat.js', (c) =>
      c.body(readFileSync(new URL('dist/company-chat.js', widgetDir), 'utf8'), 200, {
        'content-type': 'text/javascript; charset=utf-8',
      }),
    );
    // The lazy chunks next to it, as the server's widget routes serve them.
    app.get('/widget/chunks/:name', (c) => {
      const name = c.req.param('name');
      if (!/^[\w-]+\.js$/.test(name)) return c.notFound();
      const file = new URL(`dist/chunks/${name}`, widgetDir);
      if (!existsSync(file)) return c.notFound();
      return c.body(readFileSync(file, 'utf8'), 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
      });
    });
    app.all('/evil/*', (c) => c.text('gotcha'));
  },
});
process.stdout.write(`CHAT_SERVER_URL=${server.url}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
