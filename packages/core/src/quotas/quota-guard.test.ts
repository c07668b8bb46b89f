import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../engine/chat-events.js';
import { CompanyChatError } from '../errors/company-chat-error.js';
import type { Principal } from '../identity/principal.js';
import { createMemoryQuotaLedger } from './memory-quota-ledger.js';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { meterChatEvents } from './meter-chat-events.js';
import { QuotaError } from './quota-error.js';
import { createQuotaGuard } from './quota-guard.js';

const alice: Principal = { tenantId: 't', userId: 'alice', roles: ['user'], tier: 'free', via: 'widget-token' };
const tiers = { free: { concurrentStreams: 1, tokensPerDay: 10_000, costPerMonth: 1 } };
const prices = { m: { inputPerMillion: 1_000, outputPerMillion: 2_000 } }; // $0.001 in / $0.002 out per token

function setup() {
  const ledger = createMemoryQuotaLedger({ tiers });
  const guard = createQuotaGuard({ ledger, rateLimiter: createMemoryRateLimiter({ tiers }), prices });
  const day = async () => (await ledger.usage(alice)).find((u) => u.limit === 'tokensPerDay')!;
  const cost = async () => (await ledger.usage(alice)).find((u) => u.limit === 'costPerMonth')!;
  return { ledger, guard, day, cost };
}

async function* answer(events: ChatEvent[], failAfter?: Error): AsyncGenerator<ChatEvent> {
  for (const event of events) yield event;
  if (failAfter) throw failAfter;
}

const usage = { inputTokens: 100, outputTokens: 50, totalTokens: 150 };
const end: ChatEvent = {
  type: 'message-end',
  messageId: 'm1',
  status: 'complete',
  finishReason: 'stop',
  usage,
  timeToFirstTokenMs: 1,
  durationMs: 2,
};

describe('quota guard', () => {
  it('reserves the priced worst case, then settles real usage and frees the stream slot', async () => {
    const { guard, day, cost } = setup();
    const admission = await guard.admit({ principal: alice, model: 'm', promptTokens: 300, maxOutputTokens: 200 });
    expect(await day()).toMatchObject({ reserved: 500 });
    expect((await cost()).reserved).toBeCloseTo(0.7, 6);
    await expect(
      guard.admit({ principal: alice, model: 'm', promptTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      limit: 'concurrentStreams',
    });
    const events: ChatEvent[] = [];
    for await (const event of meterChatEvents(
      answer([{ type: 'text-delta', messageId: 'm1', delta: 'hi' }, end]),
      admission,
    )) {
      events.push(event);
    }
    expect(events).toHaveLength(2);
    expect(await day()).toMatchObject({ used: 150, reserved: 0 });
    expect((await cost()).used).toBeCloseTo(0.2, 6);
    await (await guard.admit({ principal: alice, model: 'm', promptTokens: 1, maxOutputTokens: 1 })).finish({
      usage: null,
    });
  });

  it('settles on a failure and on a consumer that stops early, estimating from streamed text', async () => {
    const { guard, day } = setup();
    const failing = await guard.admit({ principal: alice, model: 'm', promptTokens: 100, maxOutputTokens: 100 });
    const error = new CompanyChatError({ code: 'unknown_model', message: 'x' });
    await expect(async () => {
      for await (const _ of meterChatEvents(answer([], error), failing));
    }).rejects.toBe(error);
    expect(await day()).toMatchObject({ used: 100, reserved: 0 }); // prompt bound charged, nothing streamed

    const aborted = await guard.admit({ principal: alice, model: 'm', promptTokens: 100, maxOutputTokens: 100 });
    for await (const _ of meterChatEvents(
      answer([{ type: 'text-delta', messageId: 'm2', delta: 'x'.repeat(40) }, end]),
      aborted,
    ))
      break;
    expect(await day()).toMatchObject({ used: 210, reserved: 0 });
  });

  it('frees the stream slot when the budget refuses', async () => {
    const { guard } = setup();
    await expect(
      guard.admit({ principal: alice, model: 'm', promptTokens: 20_000, maxOutputTokens: 1 }),
    ).rejects.toBeInstanceOf(QuotaError);
    await (await guard.admit({ principal: alice, model: 'm', promptTokens: 1, maxOutputTokens: 1 })).finish({
      usage: null,
    });
  });

  it('finish is idempotent', async () => {
    const { guard, day } = setup();
    const admission = await guard.admit({ principal: alice, model: 'm', promptTokens: 10, maxOutputTokens: 10 });
    await Promise.all([admission.finish({ usage }), admission.finish({ usage })]);
    expect(await day()).toMatchObject({ used: 150, reserved: 0 });
  });
});
