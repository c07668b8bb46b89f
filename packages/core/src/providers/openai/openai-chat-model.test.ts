import { collect, runChatModelConformance } from '@company-chat/testing/conformance';
import { startWireServer } from '@company-chat/testing/wire';
import { describe, expect, it } from 'vitest';
import { azureOpenAI, openai } from './openai-provider.js';

const openaiVendor = {
  overloadedStatus: 503,
  contentFilterReason: 'content_filter',
  lengthReason: 'length',
  inStreamError: { errorType: 'server_error', code: 'upstream' as const },
};

runChatModelConformance('openai (OpenAI)', {
  vendor: { ...openaiVendor, provider: 'openai' },
  createModel: (server, options) =>
    // The official endpoint is replaced by the wire server through the SDK's fetch: the model keeps its
    // `openai` identity, and the request still goes over real HTTP.
    openai({ model: 'gpt-4o-mini', ...options, fetch: redirect(server.openaiBaseURL, 'https://api.openai.com/v1') }),
});

runChatModelConformance('openai (OpenAI-compatible baseURL)', {
  vendor: { ...openaiVendor, provider: 'openai-compatible' },
  createModel: (server, options) => openai({ model: 'llama3.2', baseURL: server.openaiBaseURL, ...options }),
});

runChatModelConformance('azureOpenAI', {
  vendor: { ...openaiVendor, provider: 'azure' },
  createModel: (server, options) =>
    azureOpenAI({ endpoint: server.azureEndpoint, deployment: 'gpt-4o-prod', apiVersion: '2024-10-21', ...options }),
});

function redirect(to: string, from: string): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetch(url.replace(from, to), init);
  };
}

describe('openai wire details', () => {
  it('sends the OpenAI request shape: bearer key, system message, stream_options, max_completion_tokens', async () => {
    const server = await startWireServer();
    try {
      const model = openai({
        apiKey: 'sk-a',
        model: 'gpt-4o-mini',
        fetch: redirect(server.openaiBaseURL, 'https://api.openai.com/v1'),
      });
      const { error } = await collect(model, {
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Hi' }],
        maxOutputTokens: 100,
        temperature: 0.2,
        stopSequences: ['END'],
      });
      expect(error).toBeUndefined();
      const recorded = server.requests[0];
      expect(recorded?.path).toBe('/v1/chat/completions');
      expect(recorded?.headers.authorization).toBe('Bearer sk-a');
      expect(recorded?.body).toMatchObject({
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: 100,
        temperature: 0.2,
        stop: ['END'],
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      });
      expect(recorded?.headers['x-stainless-retry-count']).toBe('0');
    } finally {
      await server.close();
    }
  });

  it('compatible servers: max_tokens, and includeUsage: false omits stream_options (no usage part)', async () => {
    const server = await startWireServer();
    try {
      const model = openai({ baseURL: server.openaiBaseURL, model: 'llama3.2', includeUsage: false });
      const { parts, error } = await collect(model, {
        messages: [{ role: 'user', content: 'Hi' }],
        maxOutputTokens: 50,
      });
      expect(error).toBeUndefined();
      expect(server.requests[0]?.body.stream_options).toBeUndefined();
      expect(server.requests[0]?.body.max_tokens).toBe(50);
      expect(parts.some((p) => p.type === 'usage')).toBe(false);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    } finally {
      await server.close();
    }
  });

  it('azure: deployment URL, api-version query, api-key header; tolerates empty-choices filter chunks', async () => {
    const server = await startWireServer({ answer: 'Filtered but fine.' });
    try {
      const model = azureOpenAI({
        endpoint: `${server.azureEndpoint}/`,
        apiKey: 'azure-key-1234',
        deployment: 'chat-prod',
      });
      const { parts, text, error } = await collect(model, { messages: [{ role: 'user', content: 'Hi' }] });
      expect(error).toBeUndefined();
      expect(text).toBe('Filtered but fine.');
      const recorded = server.requests[0];
      expect(recorded?.path).toBe('/openai/deployments/chat-prod/chat/completions');
      expect(recorded?.query['api-version']).toBe('2024-10-21');
      expect(recorded?.headers['api-key']).toBe('azure-key-1234');
      expect(recorded?.headers.authorization).toBeUndefined();
      expect(model.provider).toBe('azure');
      expect(model.modelId).toBe('chat-prod');
      expect(parts[0]).toMatchObject({ type: 'response-metadata', provider: 'azure', modelId: 'gpt-4o-2024-08-06' });
    } finally {
      await server.close();
    }
  });

  it('the SDK does not retry by default, and maxRetries is configurable', async () => {
    const server = await startWireServer();
    try {
      server.script({ type: 'error', status: 500 }, { type: 'error', status: 500 });
      const noRetry = openai({ baseURL: server.openaiBaseURL, model: 'm' });
      expect((await collect(noRetry, { messages: [{ role: 'user', content: 'Hi' }] })).error).toBeDefined();
      expect(server.requests).toHaveLength(1);
      server.reset();
      server.script({ type: 'error', status: 500, retryAfterMs: '10' });
      const retrying = openai({ baseURL: server.openaiBaseURL, model: 'm', maxRetries: 1 });
      const { error, text } = await collect(retrying, { messages: [{ role: 'user', content: 'Hi' }] });
      expect(error).toBeUndefined();
      expect(text.length).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('refuses to build an OpenAI model without a key', () => {
    expect(() => openai({ model: 'gpt-4o' })).toThrow(/apiKey/);
  });
});

describe('openai deltas per read', () => {
  it('yields the text of chunks read together as one part', async () => {
    const server = await startWireServer({ apiKey: 'sk-burst' });
    try {
      const tokens = ['One', ' read', ' brings', ' several', ' chunks.'];
      server.script({ type: 'answer', tokens, oneWrite: true });
      const model = openai({ model: 'llama3.2', baseURL: server.openaiBaseURL, apiKey: 'sk-burst' });
      const { parts, text, error } = await collect(model, { messages: [{ role: 'user', content: 'Hi' }] });
      expect(error).toBeUndefined();
      expect(text).toBe('One read brings several chunks.');
      // Written at once, the five chunks arrive in fewer reads than chunks (on loopback: one).
      expect(parts.filter((p) => p.type === 'text-delta').length).toBeLessThan(tokens.length);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    } finally {
      await server.close();
    }
  });
});
