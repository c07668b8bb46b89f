import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenAICompatible as createOpenAICompatibleV3 } from '@ai-sdk/openai-compatible-v3';
import { collect, runChatModelConformance } from '@company-chat/testing/conformance';
import { startWireServer } from '@company-chat/testing/wire';
import { describe, expect, it } from 'vitest';
import { fromAiSdk } from './ai-sdk-chat-model.js';

const openaiVendor = {
  provider: 'wire.chat',
  overloadedStatus: 503,
  contentFilterReason: 'content_filter',
  lengthReason: 'length',
  inStreamError: { errorType: 'server_error', code: 'upstream' as const },
};

// The AI SDK's own OpenAI-compatible provider, over real HTTP to the wire server, for the current
// specification (v4, AI SDK 7) and the one before it (v3, AI SDK 6).
const providers = [
  ['@ai-sdk/openai-compatible', 'v4', createOpenAICompatible],
  ['@ai-sdk/openai-compatible 2.x', 'v3', createOpenAICompatibleV3],
] as const;

for (const [name, version, create] of providers) {
  runChatModelConformance(`fromAiSdk (${name}, spec ${version})`, {
    vendor: openaiVendor,
    createModel: (server, { apiKey, ...timeouts }) => {
      const model = create({ name: 'wire', baseURL: server.openaiBaseURL, apiKey, includeUsage: true }).chatModel(
        'gpt-4o-mini',
      );
      expect(model.specificationVersion).toBe(version);
      return fromAiSdk(model, { ...timeouts, secrets: [apiKey] });
    },
  });
}

describe('fromAiSdk over the wire', () => {
  it('sends the prompt as system and text turns, with the output limit, temperature and stop sequences', async () => {
    const server = await startWireServer();
    try {
      const provider = createOpenAICompatible({ name: 'wire', baseURL: server.openaiBaseURL, apiKey: 'sk-a' });
      const model = fromAiSdk(provider.chatModel('llama3.2'), { maxOutputTokens: 77, provider: 'ollama' });
      const { parts, error } = await collect(model, {
        system: 'Be brief.\n\n<context>[1] handbook.pdf: Leave is 30 days.</context>',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: '' },
          { role: 'user', content: 'How much leave?' },
        ],
        temperature: 0.2,
        stopSequences: ['END'],
        context: [{ index: 1, fileName: 'handbook.pdf', text: 'Leave is 30 days.' }],
      });
      expect(error).toBeUndefined();
      expect(model.provider).toBe('ollama');
      expect(parts[0]).toMatchObject({ type: 'response-metadata', provider: 'ollama' });
      const recorded = server.requests[0];
      expect(recorded?.headers.authorization).toBe('Bearer sk-a');
      expect(recorded?.body).toMatchObject({
        model: 'llama3.2',
        stream: true,
        max_tokens: 77,
        temperature: 0.2,
        stop: ['END'],
        messages: [
          { role: 'system', content: 'Be brief.\n\n<context>[1] handbook.pdf: Leave is 30 days.</context>' },
          { role: 'user', content: 'Hi' },
          { role: 'user', content: 'How much leave?' },
        ],
      });
      // Without `includeUsage` the provider asks for no usage and reports none: no usage part, still a finish.
      expect(parts.some((p) => p.type === 'usage')).toBe(false);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' });
    } finally {
      await server.close();
    }
  });
});
