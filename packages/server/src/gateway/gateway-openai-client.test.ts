import { anthropic, openAICompatibleEmbedder, openai, router } from '@company-chat/core';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import OpenAI, { type APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIdentityApp } from '../../test/identity-app.js';
import { type ServerHandle, serve } from '../node/serve.js';

// The official `openai` client (nobody here wrote it) against the gateway of a real server, whose models
// are on the local wire-faithful OpenAI and Anthropic servers.

let wire: WireServer;
let server: ServerHandle;
let id: Awaited<ReturnType<typeof createIdentityApp>>;
let gatewayKey: string;

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
  const upstream = (model: string) => openai({ baseURL: wire.openaiBaseURL, apiKey: 'sk-wire', model });
  id = await createIdentityApp(
    {
      // Two deployments behind one alias: the first failing before its first token falls back to the second.
      default: router({ routes: [upstream('gpt-4o'), upstream('gpt-4o-mini')], cooldownMs: 0 }),
      fast: upstream('gpt-4o-mini'),
      claude: anthropic({ baseURL: wire.anthropicBaseURL, apiKey: 'sk-wire', model: 'claude-sonnet-4-5' }),
    },
    {
      tiers: { free: { messagesPerMinute: 1000 }, trickle: { messagesPerMinute: 1 } },
      embedder: openAICompatibleEmbedder({
        baseURL: wire.openaiBaseURL,
        apiKey: 'sk-wire',
        model: 'text-embedding-3-small',
        dimensions: 8,
      }),
    },
  );
  server = await serve({ app: id.app, port: 0 });
  gatewayKey = await keyWith(['gateway']);
});
afterAll(async () => {
  await server?.close();
  await wire?.close();
});
beforeEach(() => wire.reset());

async function keyWith(scopes: Array<'chat' | 'gateway'>, tier?: string): Promise<string> {
  // The user directory keeps a user's first tier: a key of another tier is another user's.
  const created = await id.apiKeys.create({
    tenantId: 'acme',
    userId: tier ? `svc-${tier}` : 'svc-gateway',
    name: 'gateway',
    scopes,
    ...(tier ? { tier } : {}),
  });
  return created.key;
}

const client = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
const hello = [{ role: 'user' as const, content: 'Hello there' }];

describe('the official openai client against the gateway', () => {
  it('completes without streaming, as the key’s user, with usage and cost recorded and nothing stored', async () => {
    const completion = await client(gatewayKey).chat.completions.create({ model: 'fast', messages: hello });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('fast');
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]!.message.content).toBe(
      'Hello from the wire server. This answer arrives in several small chunks.',
    );
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    // The upstream got the caller's messages and nothing of ours (no system prompt, no history).
    expect(wire.requests.at(-1)!.body.messages).toEqual([{ role: 'user', content: 'Hello there' }]);

    const records = await id.usage.list({ tenantId: 'acme', userId: 'svc-gateway' });
    const record = records.find((r) => r.messageId === completion.id);
    expect(record).toMatchObject({
      model: 'fast',
      providerModel: 'gpt-4o-mini',
      conversationId: null,
      status: 'complete',
      outputTokens: completion.usage!.completion_tokens,
    });
    expect(record!.cost).toBeGreaterThan(0);
    const { items } = await id.engine.conversations.list({ tenantId: 'acme', userId: 'svc-gateway' });
    expect(items).toEqual([]);
  });

  it('streams chunks ending with the usage chunk, and takes system messages and parameters', async () => {
    const stream = await client(gatewayKey).chat.completions.create({
      model: 'fast',
      messages: [{ role: 'system', content: 'Be brief.' }, ...hello],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 50,
      temperature: 0.2,
      stop: ['END'],
    });
    let text = '';
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('Hello from the wire server. This answer arrives in several small chunks.');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
    const sent = wire.requests.at(-1)!.body;
    expect(sent.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(sent).toMatchObject({ temperature: 0.2, stop: ['END'] });
    expect(sent.max_completion_tokens ?? sent.max_tokens).toBe(50);
  });

  it('falls back to the next deployment when the first fails before its first token', async () => {
    wire.script({ type: 'error', status: 503, message: 'overloaded' });
    const completion = await client(gatewayKey).chat.completions.create({ model: 'default', messages: hello });
    expect(completion.choices[0]!.message.content).toContain('Hello from the wire server');
    expect(wire.requests.map((r) => r.body?.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('lists our model aliases', async () => {
    const page = await client(gatewayKey).models.list();
    expect(page.data.map((m) => [m.id, m.owned_by])).toEqual([
      ['default', 'router'],
      ['fast', 'openai-compatible'],
      ['claude', 'anthropic'],
    ]);
  });

  it('embeds with the server’s embedder, as floats and as base64', async () => {
    const api = client(gatewayKey);
    const floats = await api.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['holidays policy', 'travel costs'],
      encoding_format: 'float',
    });
    expect(floats.data.map((d) => d.index)).toEqual([0, 1]);
    expect(floats.data[0]!.embedding).toHaveLength(8);
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
    // The client asks for base64 by default and decodes it: the same vector arrives.
    const decoded = await api.embeddings.create({ model: 'text-embedding-3-small', input: 'holidays policy' });
    expect(decoded.data[0]!.embedding).toEqual(floats.data[0]!.embedding);
  });

  it('passes tools through: the model’s tool call comes back, and the tool’s result goes up', async () => {
    const api = client(gatewayKey);
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'lookup_policy',
          description: 'Finds a policy',
          parameters: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] },
        },
      },
    ];
    const call = {
      type: 'tool-call',
      name: 'lookup_policy',
      arguments: '{"topic":"travel costs"}',
      id: 'call_1',
    } as const;
    wire.script(call);
    const completion = await api.chat.completions.create({
      model: 'default',
      messages: hello,
      tools,
      tool_choice: 'auto',
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]!.message.content).toBeNull();
    expect(completion.choices[0]!.message.tool_calls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'lookup_policy', arguments: '{"topic":"travel costs"}' } },
    ]);
    expect(wire.requests.at(-1)!.body).toMatchObject({ tools, tool_choice: 'auto' });

    // Streamed, assembled by the client's own helper from the indexed deltas.
    wire.script(call);
    const streamed = await api.chat.completions.stream({ model: 'fast', messages: hello, tools }).finalChatCompletion();
    expect(streamed.choices[0]!.message.tool_calls?.[0]).toMatchObject({
      id: 'call_1',
      function: { name: 'lookup_policy', arguments: '{"topic":"travel costs"}' },
    });
    expect(streamed.choices[0]!.finish_reason).toBe('tool_calls');

    const answered = await api.chat.completions.create({
      model: 'fast',
      tools,
      messages: [
        ...hello,
        { role: 'assistant', content: null, tool_calls: completion.choices[0]!.message.tool_calls! },
        { role: 'tool', tool_call_id: 'call_1', content: 'Travel costs are reimbursed within 30 days.' },
      ],
    });
    expect(answered.choices[0]!.finish_reason).toBe('stop');
    expect(wire.requests.at(-1)!.body.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'lookup_policy', arguments: '{"topic":"travel costs"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Travel costs are reimbursed within 30 days.' },
    ]);
  });

  it('stores the turn in a conversation only when X-Company-Chat-Conversation asks for it', async () => {
    const api = client(await keyWith(['gateway'], 'free'));
    const first = await api.chat.completions
      .create({ model: 'fast', messages: hello }, { headers: { 'x-company-chat-conversation': 'new' } })
      .withResponse();
    const conversationId = first.response.headers.get('x-company-chat-conversation')!;
    expect(first.data.choices[0]!.message.content).toContain('Hello from the wire server');
    const next = await api.chat.completions.create(
      { model: 'fast', messages: [{ role: 'user', content: 'And again' }], stream: true },
      { headers: { 'x-company-chat-conversation': conversationId } },
    );
    for await (const _ of next);
    // The stored history went up with the new question: both user turns and the first answer.
    expect(wire.requests.at(-1)!.body.messages.map((m: { role: string }) => m.role)).toEqual(
      expect.arrayContaining(['user', 'assistant', 'user']),
    );
    const stored = await id.engine.conversations.get({ tenantId: 'acme', userId: 'svc-free' }, conversationId);
    expect(stored?.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    const stranger = await client(gatewayKey)
      .chat.completions.create(
        { model: 'fast', messages: hello },
        { headers: { 'x-company-chat-conversation': conversationId } },
      )
      .catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('accepts a JWT of the identity provider as the API key', async () => {
    const token = await id.jwt('bob', 'acme');
    const completion = await client(token).chat.completions.create({ model: 'fast', messages: hello });
    expect(completion.choices[0]!.message.content).toContain('Hello');
  });
});

describe('errors arrive as the openai client’s error classes, in OpenAI’s shape', () => {
  it('401 AuthenticationError for a wrong key', async () => {
    const error = await client('cc_live_wrong')
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as APIError).error).toMatchObject({ type: 'authentication_error', code: 'unauthenticated' });
  });

  it('403 PermissionDeniedError for a key without the gateway scope and for a widget token', async () => {
    const chatOnly = await client(await keyWith(['chat']))
      .chat.completions.create({ model: 'fast', messages: hello })
      .catch((e: unknown) => e);
    expect(chatOnly).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((chatOnly as APIError).code).toBe('forbidden');
    const widget = await client(await id.widget('wendy', 'acme'))
      .models.list()
      .catch((e: unknown) => e);
    expect(widget).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(wire.requests).toHaveLength(0);
  });

  it('404 NotFoundError for an unknown model, naming the param', async () => {
    const error = await client(gatewayKey)
      .chat.completions.create({ model: 'gpt-5', messages: hello })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as APIError).error).toMatchObject({ code: 'unknown_model', param: 'model' });
  });

  it('429 RateLimitError with retry-after, from our rate limit and from the provider', async () => {
    const trickle = client(await keyWith(['gateway'], 'trickle'));
    await trickle.chat.completions.create({ model: 'fast', messages: hello });
    const limited = await trickle.chat.completions.create({ model: 'fast', messages: hello }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number((limited as APIError).headers?.get('retry-after'))).toBeGreaterThan(0);
    expect((limited as APIError).error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });

    wire.script({ type: 'error', status: 429, retryAfter: '7' });
    const upstream = await client(gatewayKey)
      .chat.completions.create({ model: 'fast', messages: hello, stream: true })
      .catch((e: unknown) => e);
    expect(upstream).toBeInstanceOf(OpenAI.RateLimitError);
    expect((upstream as APIError).headers?.get('retry-after')).toBe('7');
  });

  it('400 BadRequestError for n > 1, bad bodies, and tools on a model without them', async () => {
    const api = client(gatewayKey);
    const n = await api.chat.completions.create({ model: 'fast', messages: hello, n: 2 }).catch((e: unknown) => e);
    expect(n).toBeInstanceOf(OpenAI.BadRequestError);
    expect((n as APIError).error).toMatchObject({ param: 'n', code: 'invalid_request' });
    expect((n as APIError).message).toContain('only n=1 is supported');
    const empty = await api.chat.completions.create({ model: 'fast', messages: [] }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    const tools = await api.chat.completions
      .create({
        model: 'claude',
        messages: hello,
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      })
      .catch((e: unknown) => e);
    expect(tools).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tools as APIError).message).toContain('does not take tools');
    expect(wire.requests).toHaveLength(0);
  });

  it('405 and unknown paths answer in OpenAI’s shape too', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${gatewayKey}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'method_not_allowed' } });
    const missing = await fetch(`${server.url}/v1/responses`, { headers: { authorization: `Bearer ${gatewayKey}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'not_found_error', code: 'not_found', param: null } });
  });
});
