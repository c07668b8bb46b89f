// company-chat on Bun: `bun run src/server.ts` (in this repository: `pnpm -F @company-chat/example-bun start`).
//   OPENAI_API_KEY=sk-... bun run src/server.ts
//   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.2 bun run src/server.ts   # Ollama
import { createChatEngine, openai } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { serve } from '@company-chat/server/bun';
import { createStore } from './create-store.js';

const env = process.env;
const engine = createChatEngine({
  models: {
    default: openai({
      baseURL: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      model: env.OPENAI_MODEL ?? 'gpt-4o-mini',
    }),
  },
  store: await createStore(env),
  systemPrompt: env.SYSTEM_PROMPT,
});

// DEV=1 trusts an X-User-Id header (local trials only). In production configure `auth` (JWT, widget
// tokens or API keys): see docs/identity-and-quotas.md.
const app = createChatApp({ engine, dev: env.DEV === '1' });
const handle = await serve({ app, port: Number(env.PORT ?? 3000), hostname: env.HOST ?? '127.0.0.1' });
console.log(`company-chat listening on ${handle.url} (Bun ${process.versions.bun})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Answers being written end with a `shutting_down` event and are stored before Bun exits.
    void handle.close().then(() => process.exit(0));
  });
}
