import {
  type ChatModel,
  createChatEngine,
  createKnowledgeBase,
  createMemoryChatStore,
  createMemoryKnowledgeStore,
  createMemoryQuotaLedger,
  createMemoryRateLimiter,
  createMemoryUsageLog,
  type Principal,
  ProviderError,
  type Tiers,
} from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';
import { createChatApp } from '../index.js';

const json = (body: unknown, user = 'alice') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-user-id': user },
  body: JSON.stringify(body),
});
const alice: Principal = { tenantId: 'default', userId: 'alice', roles: ['user'], tier: 'free', via: 'dev' };

function setup(
  tiers: Tiers,
  model = scriptedChatModel(
    {
      deltas: ['Hello', ' there'],
      usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 },
    },
    { modelId: 'gpt-4o-mini' },
  ),
) {
  const config = { tiers };
  const ledger = createMemoryQuotaLedger(config);
  const rateLimiter = createMemoryRateLimiter(config);
  const usage = createMemoryUsageLog();
  const { app } = createTestApp(
    { default: model },
    {
      quotas: { tiers, ledger, rateLimiter, worstCase: () => ({ promptTokens: 900, maxOutputTokens: 100 }) },
      usage,
    },
  );
  const spent = async () => (await ledger.usage(alice)).find((u) => u.scope === 'user' && u.limit === 'tokensPerDay');
  return { app, ledger, usage, spent, model };
}

describe('quotas and usage in the chat path', () => {
  it('records tokens, cost, model, provider, latency and TTFT, and settles the reservation with real usage', async () => {
    const { app, usage, spent } = setup({ free: { tokensPerDay: 10_000 } });
    const res = await app.request('/api/v1/chat', json({ content: 'hi' }));
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    expect(events.at(-1)?.data).toMatchObject({ status: 'complete' });
    expect(await spent()).toMatchObject({ used: 120, reserved: 0, max: 10_000 });
    const quota = (await (await app.request('/api/v1/quota', { headers: { 'x-user-id': 'alice' } })).json()) as {
      enforced: boolean;
      limits: Array<{ scope: string; limit: string; used: number; max: number | null }>;
    };
    expect(quota.enforced).toBe(true);
    expect(quota.limits).toContainEqual(
      expect.objectContaining({ scope: 'user', limit: 'tokensPerDay', used: 120, max: 10_000 }),
    );
    const [record] = await usage.list({ tenantId: 'default' });
    expect(record).toMatchObject({
      userId: 'alice',
      model: 'default',
      provider: 'scripted',
      providerModel: 'gpt-4o-mini',
      inputTokens: 100,
      outputTokens: 20,
      totalTokens: 120,
      estimated: false,
      status: 'complete',
    });
    expect(record?.cost).toBeCloseTo((100 * 0.15 + 20 * 0.6) / 1e6, 12);
    expect(record?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(record?.timeToFirstTokenMs).not.toBeNull();
    expect((await usage.summarize({ tenantId: 'default', groupBy: 'user' }))[0]).toMatchObject({
      key: 'alice',
      requests: 1,
    });
  });

  it('meters a follow-up question rewrite as its own usage record, charged to the same budget', async () => {
    const tiers = { free: { tokensPerDay: 10_000 } };
    const ledger = createMemoryQuotaLedger({ tiers });
    const usage = createMemoryUsageLog();
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    const bytes = new TextEncoder().encode('The curl option --retry-max-time has a default value of 0.');
    await knowledge.ingest({ tenantId: 'default', userId: 'alice' }, { name: 'curl.txt', bytes });
    const answer = scriptedChatModel(
      {
        deltas: ['Zero.'],
        usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 },
      },
      { modelId: 'gpt-4o' },
    );
    const mini = scriptedChatModel(
      {
        deltas: ['What is the default of curl --retry-max-time?'],
        usage: { inputTokens: 30, outputTokens: 10, totalTokens: 40 },
      },
      { modelId: 'gpt-4o-mini' },
    );
    const engine = createChatEngine({
      models: { default: answer, mini },
      queryRewriteModel: 'mini',
      knowledge,
      store: createMemoryChatStore(),
      tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    });
    const app = createChatApp({
      engine,
      dev: true,
      logger: () => {},
      quotas: { tiers, ledger, worstCase: () => ({ promptTokens: 900, maxOutputTokens: 100 }) },
      usage,
    });
    const first = parseSse(
      await (await app.request('/api/v1/chat', json({ content: 'What does --retry-max-time do?' }))).text(),
    );
    const conversationId = (first[0]!.data as { conversation: { id: string } }).conversation.id;
    const res = await app.request('/api/v1/chat', json({ conversationId, content: 'And its default?' }));
    expect(parseSse(await res.text()).at(-1)?.data).toMatchObject({ status: 'complete' });
    expect(mini.calls).toHaveLength(1);
    const records = await usage.list({ tenantId: 'default' });
    expect(records.map((r) => [r.model, r.providerModel, r.totalTokens, r.status]).sort()).toEqual([
      ['default', 'gpt-4o', 120, 'complete'],
      ['default', 'gpt-4o', 120, 'complete'],
      ['mini', 'gpt-4o-mini', 40, 'complete'],
    ]);
    const spent = (await ledger.usage(alice)).find((u) => u.scope === 'user' && u.limit === 'tokensPerDay');
    expect(spent).toMatchObject({ used: 280, reserved: 0 });
  });

  it('answers 429 quota_exceeded with Retry-After when the worst case no longer fits the budget', async () => {
    const { app, spent } = setup({ free: { tokensPerDay: 1_100 } });
    const first = await app.request('/api/v1/chat', json({ content: 'hi' }));
    expect(first.status).toBe(200);
    await first.text();
    const denied = await app.request('/api/v1/chat', json({ content: 'again' }));
    expect(denied.status).toBe(429);
    expect(Number(denied.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await denied.json()).toMatchObject({
      error: { code: 'quota_exceeded', limit: 'tokensPerDay', scope: 'user' },
    });
    expect(await spent()).toMatchObject({ used: 120, reserved: 0 });
    // Another user has their own budget.
    const bob = await app.request('/api/v1/chat', json({ content: 'hi' }, 'bob'));
    expect(bob.status).toBe(200);
    await bob.text();
  });

  it('meters regenerate and edit like send (429 when the budget is used up)', async () => {
    const { app, spent, usage } = setup({ free: { tokensPerDay: 1_300 } });
    const sent = parseSse(await (await app.request('/api/v1/chat', json({ content: 'hi' }))).text());
    const conversationId = (sent[0]?.data as { conversation: { id: string } } | undefined)?.conversation.id;
    const start = sent.find((e) => e.event === 'message-start')?.data as { messageId: string; userMessageId: string };
    const base = `/api/v1/conversations/${conversationId}/messages`;
    const regenerated = await app.request(`${base}/${start.messageId}/regenerate`, json({}));
    expect(regenerated.status).toBe(200);
    await regenerated.text();
    expect(await spent()).toMatchObject({ used: 240, reserved: 0 });
    // 240 spent + 1,000 reserved for the next answer still fits 1,300; after it, 360 + 1,000 does not.
    const edited = await app.request(`${base}/${start.userMessageId}/edit`, json({ content: 'hello' }));
    expect(edited.status).toBe(200);
    await edited.text();
    const denied = await app.request(`${base}/${start.messageId}/regenerate`, json({}));
    expect(denied.status).toBe(429);
    expect(denied.headers.get('retry-after')).not.toBeNull();
    expect((await usage.list({ tenantId: 'default' })).length).toBe(3);
  });

  it('releases the whole reservation when the send fails before the answer starts', async () => {
    const { app, spent, usage } = setup({ free: { tokensPerDay: 10_000 } });
    const res = await app.request('/api/v1/chat', json({ content: 'hi', conversationId: crypto.randomUUID() }));
    expect(res.status).toBe(404);
    expect(await spent()).toMatchObject({ used: 0, reserved: 0 });
    expect(await usage.list({ tenantId: 'default' })).toEqual([]);
  });

  it('limits concurrent streams (429 rate_limited) and frees the slot when a stream is stopped', async () => {
    const model = scriptedChatModel({ deltas: ['Hel', 'lo'], hang: true }, { modelId: 'gpt-4o-mini' });
    const { app, spent, usage } = setup({ free: { concurrentStreams: 1, tokensPerDay: 10_000 } }, model);
    const first = await app.request('/api/v1/chat', json({ content: 'hi' }));
    expect(first.status).toBe(200);
    const reader = first.body!.getReader();
    let text = '';
    while (!text.includes('event: text-delta')) text += new TextDecoder().decode((await reader.read()).value);
    const second = await app.request('/api/v1/chat', json({ content: 'again' }));
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).not.toBeNull();
    expect(await second.json()).toMatchObject({ error: { code: 'rate_limited', limit: 'concurrentStreams' } });
    await reader.cancel();
    await expect.poll(async () => (await usage.list({ tenantId: 'default' })).length, { timeout: 10_000 }).toBe(1);
    // Without reported usage: the prompt bound in full plus ~4 characters per streamed token.
    const after = await spent();
    expect(after?.reserved).toBe(0);
    expect(after?.used).toBeGreaterThan(900);
    expect(after?.used).toBeLessThanOrEqual(902);
    expect((await usage.list({ tenantId: 'default' }))[0]).toMatchObject({ status: 'aborted', estimated: true });
    const third = await app.request('/api/v1/chat', json({ content: 'once more' }));
    expect(third.status).toBe(200);
    await third.body?.cancel();
  });

  it('after mixed complete, failed and aborted answers nothing stays reserved and spend equals recorded usage', async () => {
    // Answers by the message: `complete` reports usage, `fail` breaks after a delta, `abort` waits for the client to go.
    const model: ChatModel = {
      specificationVersion: 'v1',
      provider: 'scripted',
      modelId: 'gpt-4o-mini',
      async *doStream(request, options) {
        const kind = String(request.messages.at(-1)?.content ?? '').split(' ')[0];
        yield { type: 'text-delta', text: 'partial answer' };
        if (kind === 'fail') throw new ProviderError({ code: 'upstream', message: 'boom', provider: 'scripted' });
        if (kind === 'abort') {
          if (!options?.signal?.aborted) {
            await new Promise((resolve) => options?.signal?.addEventListener('abort', resolve, { once: true }));
          }
          throw options?.signal?.reason;
        }
        yield { type: 'usage', usage: { inputTokens: 50, outputTokens: 7, totalTokens: 57 } };
        yield { type: 'finish', finishReason: 'stop' };
      },
    };
    const { app, ledger, usage } = setup({ free: { tokensPerDay: 1e9, concurrentStreams: 1000 } }, model as never);
    const kinds = ['complete', 'fail', 'abort'];
    const statuses = await Promise.all(
      Array.from({ length: 150 }, async (_, i) => {
        const kind = kinds[i % 3]!;
        const res = await app.request('/api/v1/chat', json({ content: `${kind} ${i}` }, `user-${i % 5}`));
        if (kind !== 'abort') return (await res.text()).includes('message-end') ? kind : 'broken';
        const reader = res.body!.getReader();
        let text = '';
        while (!text.includes('event: text-delta')) text += new TextDecoder().decode((await reader.read()).value);
        await reader.cancel();
        return kind;
      }),
    );
    expect(statuses.filter((s) => s === 'broken')).toEqual([]);
    await expect
      .poll(async () => (await usage.list({ tenantId: 'default', limit: 1000 })).length, { timeout: 20_000 })
      .toBe(150);
    const records = await usage.list({ tenantId: 'default', limit: 1000 });
    expect(new Set(records.map((r) => r.status))).toEqual(new Set(['complete', 'error', 'aborted']));
    const total = records.reduce((sum, r) => sum + r.totalTokens, 0);
    let used = 0;
    for (let u = 0; u < 5; u++) {
      const day = (await ledger.usage({ ...alice, userId: `user-${u}` })).find(
        (c) => c.scope === 'user' && c.limit === 'tokensPerDay',
      );
      expect(day?.reserved).toBe(0);
      used += day?.used ?? 0;
    }
    expect(used).toBe(total);
  });
});
