// Core's browser-safe client against the real server. It lives in the server package because core never
// depends on the server, not even in its tests.

import { createMemoryQuotaLedger } from '@company-chat/core';
import { createChatState } from '@company-chat/core/client';
import { olderServer, useChatTestServer, withChatTestServer } from '@company-chat/testing/server';
import { describe, expect, it } from 'vitest';

const server = useChatTestServer();
const { clientFor } = server;

describe('feedback on answers', () => {
  it('rates an answer through the chat state; the rating is there after a reload', async () => {
    const chat = createChatState({ client: clientFor('fay') });
    await chat.send('hello');
    const { conversationId, messages } = chat.getSnapshot();
    const answer = messages.at(-1)!;
    await chat.rate(answer.id, { rating: 'down', comment: 'Too vague.' });
    expect(chat.getSnapshot().messages.at(-1)?.feedback).toEqual({ rating: 'down', comment: 'Too vague.' });

    // A thumb and, at once, a comment: sent in order, so the comment is what stays.
    const thumb = chat.rate(answer.id, { rating: 'up', comment: null });
    await chat.rate(answer.id, { rating: 'down', comment: 'Too vague.' });
    await thumb;

    const reloaded = createChatState({ client: clientFor('fay') });
    await reloaded.load(conversationId!);
    expect(reloaded.getSnapshot().messages.map((m) => m.feedback)).toEqual([
      null,
      { rating: 'down', comment: 'Too vague.' },
    ]);
  });

  it('refuses another user’s answer (not_found), keeps the old rating, and says not_supported on older servers', async () => {
    const chat = createChatState({ client: clientFor('gil') });
    await chat.send('hello');
    const { conversationId, messages } = chat.getSnapshot();
    const answerId = messages.at(-1)!.id;
    await expect(clientFor('hal').sendFeedback(conversationId!, answerId, { rating: 'up' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const older = createChatState({ client: clientFor('gil', { fetch: olderServer }) });
    await older.load(conversationId!);
    await expect(older.rate(answerId, { rating: 'up', comment: null })).rejects.toMatchObject({
      code: 'not_supported',
    });
    expect(older.getSnapshot().messages.at(-1)?.feedback).toBeNull();
  });
});

describe('errors a client can explain', () => {
  it('keeps the limit and when it resets from a quota refusal', async () => {
    const tiers = { free: { tokensPerDay: 1 } };
    await withChatTestServer({ quotas: { tiers, ledger: createMemoryQuotaLedger({ tiers }) } }, async (metered) => {
      const client = metered.clientFor('quinn');
      const chat = createChatState({ client });
      const before = Date.now();
      await chat.send('hello');
      const error = chat.getSnapshot().error!;
      expect(error).toMatchObject({ code: 'quota_exceeded', limit: 'tokensPerDay', retryable: true });
      expect(error.retryAfterMs).toBeGreaterThan(0);
      // retryAt is the moment the refusal arrived plus Retry-After; the quota's own reset agrees with it.
      const retryAt = Date.parse(error.retryAt!);
      expect(retryAt).toBeGreaterThanOrEqual(before + error.retryAfterMs!);
      const daily = (await client.getQuota()).limits.find((l) => l.limit === 'tokensPerDay')!;
      expect(Math.abs(Date.parse(daily.resetsAt) - retryAt)).toBeLessThan(60_000);
    });
  });
});
