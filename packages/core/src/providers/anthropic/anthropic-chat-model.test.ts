import { collect, expectProviderError, runChatModelConformance } from '@company-chat/testing/conformance';
import { startWireServer } from '@company-chat/testing/wire';
import { describe, expect, it } from 'vitest';
import { anthropic } from './anthropic-provider.js';

runChatModelConformance('anthropic', {
  vendor: {
    provider: 'anthropic',
    overloadedStatus: 529,
    contentFilterReason: 'refusal',
    lengthReason: 'max_tokens',
    inStreamError: { errorType: 'overloaded_error', code: 'overloaded' },
  },
  createModel: (server, options) =>
    anthropic({ model: 'claude-sonnet-4-6', baseURL: server.anthropicBaseURL, ...options }),
});

describe('anthropic wire details', () => {
  it('maps the system prompt to `system`, always sends max_tokens, and makes roles alternate', async () => {
    const server = await startWireServer({ apiKey: 'sk-ant-test' });
    try {
      const model = anthropic({ apiKey: 'sk-ant-test', model: 'claude-sonnet-4-6', baseURL: server.anthropicBaseURL });
      const { error, text } = await collect(model, {
        system: 'You are helpful.',
        messages: [
          { role: 'assistant', content: 'Left over from trimming.' },
          { role: 'user', content: 'First question' },
          { role: 'user', content: 'and a follow-up' },
          { role: 'assistant', content: '' },
          { role: 'assistant', content: 'An answer' },
          { role: 'user', content: 'Next' },
        ],
      });
      expect(error).toBeUndefined();
      expect(text.length).toBeGreaterThan(0);
      const recorded = server.requests[0];
      expect(recorded?.path).toBe('/v1/messages');
      // SDK 1.x sends the key as a bearer token; the API accepts it there as well as in `x-api-key`.
      expect(recorded?.headers.authorization).toBe('Bearer sk-ant-test');
      expect(recorded?.headers['anthropic-version']).toBeTruthy();
      expect(recorded?.body).toEqual({
        model: 'claude-sonnet-4-6',
        max_tokens: 4096,
        stream: true,
        system: 'You are helpful.',
        messages: [
          { role: 'user', content: 'First question\n\nand a follow-up' },
          { role: 'assistant', content: 'An answer' },
          { role: 'user', content: 'Next' },
        ],
      });
    } finally {
      await server.close();
    }
  });

  it('sends the request maxOutputTokens and stop sequences (temperature is not sent)', async () => {
    const server = await startWireServer();
    try {
      const model = anthropic({
        apiKey: 'k-1',
        model: 'claude-haiku-4-5',
        baseURL: server.anthropicBaseURL,
        maxOutputTokens: 1000,
      });
      expect(model.maxOutputTokens).toBe(1000);
      await collect(model, {
        messages: [{ role: 'user', content: 'Hi' }],
        maxOutputTokens: 77,
        temperature: 0,
        stopSequences: ['###'],
      });
      expect(server.requests[0]?.body).toMatchObject({ max_tokens: 77, stop_sequences: ['###'] });
      expect(server.requests[0]?.body.temperature).toBeUndefined();
      expect(server.requests[0]?.body.system).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('reports usage from message_start (input) and message_delta (output)', async () => {
    const server = await startWireServer({ answer: 'One two three' });
    try {
      const model = anthropic({ apiKey: 'k-1', model: 'claude-haiku-4-5', baseURL: server.anthropicBaseURL });
      const { parts } = await collect(model, {
        system: 'Sys prompt',
        messages: [{ role: 'user', content: 'count to three' }],
      });
      // The wire server counts words: 2 (system) + 3 (message) in, 3 tokens out.
      expect(parts.find((p) => p.type === 'usage')).toEqual({
        type: 'usage',
        usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8 },
      });
      expect(parts[0]).toMatchObject({
        type: 'response-metadata',
        id: expect.stringMatching(/^msg_/),
        modelId: 'claude-haiku-4-5',
      });
    } finally {
      await server.close();
    }
  });

  it('an overloaded_error event after HTTP 200 is overloaded and retryable, before any token too', async () => {
    const server = await startWireServer();
    try {
      server.script({ type: 'stream-error', afterChunks: 0, errorType: 'overloaded_error' });
      const model = anthropic({ apiKey: 'k-1', model: 'claude-haiku-4-5', baseURL: server.anthropicBaseURL });
      const { error, text } = await collect(model, { messages: [{ role: 'user', content: 'Hi' }] });
      const e = expectProviderError(error, 'overloaded', true);
      expect(e.upstreamStatus).toBe(200);
      expect(text).toBe('');
    } finally {
      await server.close();
    }
  });
});
