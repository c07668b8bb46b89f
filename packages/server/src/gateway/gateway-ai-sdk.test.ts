import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { openai } from '@company-chat/core';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { APICallError, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityApp } from '../../test/identity-app.js';
import { type ServerHandle, serve } from '../node/serve.js';

// The Vercel AI SDK's OpenAI-compatible provider (pinned in package.json) streaming through the gateway.

let wire: WireServer;
let server: ServerHandle;
let key: string;

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
  const id = await createIdentityApp({
    default: openai({ baseURL: wire.openaiBaseURL, apiKey: 'sk-wire', model: 'gpt-4o-mini' }),
  });
  server = await serve({ app: id.app, port: 0 });
  key = (await id.apiKeys.create({ tenantId: 'acme', userId: 'svc-ai', name: 'ai', scopes: ['gateway'] })).key;
});
afterAll(async () => {
  await server?.close();
  await wire?.close();
});

const provider = (apiKey: string) =>
  createOpenAICompatible({ name: 'company-chat', baseURL: `${server.url}/v1`, apiKey, includeUsage: true });

describe('the AI SDK’s OpenAI-compatible provider through the gateway', () => {
  it('streams the answer with its usage and finish reason', async () => {
    const result = streamText({
      model: provider(key)('default'),
      system: 'Be brief.',
      prompt: 'Hello there',
      maxRetries: 0,
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Hello from the wire server. This answer arrives in several small chunks.');
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(wire.requests.at(-1)!.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
    ]);
  });

  it('surfaces the gateway’s error with its status', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: provider('cc_live_wrong')('default'),
      prompt: 'Hello',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    await result.consumeStream();
    expect(errors).toHaveLength(1);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as APICallError).statusCode).toBe(401);
  });
});
