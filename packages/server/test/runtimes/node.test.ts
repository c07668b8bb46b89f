import { createChatEngine, createMemoryChatStore, openai } from '@company-chat/core';
import { runRuntimeConformance } from '@company-chat/testing/conformance';
import { createChatApp } from '../../src/index.js';
import { serve } from '../../src/node/index.js';

runRuntimeConformance('Node', async ({ openaiBaseURL, apiKey }) => {
  const engine = createChatEngine({
    models: { default: openai({ baseURL: openaiBaseURL, apiKey, model: 'gpt-4o-mini' }) },
    store: createMemoryChatStore(),
  });
  const handle = await serve({ app: createChatApp({ engine, dev: true }), port: 0 });
  return { url: handle.url, stop: () => handle.close() };
});
