// The program the Bun runtime test starts with the `bun` binary: the server from its TypeScript sources
// (Bun runs TS natively; `--conditions=@company-chat/source` resolves workspace packages to src/).
import { createChatEngine, createMemoryChatStore, openai } from '@company-chat/core';
import { createChatApp } from '@company-chat/server';
import { createPrometheusMetrics, serve } from '@company-chat/server/bun';

const env = process.env;
const metrics = createPrometheusMetrics();
const engine = createChatEngine({
  instrumentation: metrics.instrumentation,
  models: { default: openai({ baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: 'gpt-4o-mini' }) },
  store: createMemoryChatStore(),
});
// HEARTBEAT_MS=0 lets a test see that Bun's idle timeout alone no longer cuts a quiet stream.
const heartbeatMs = env.HEARTBEAT_MS === undefined ? undefined : Number(env.HEARTBEAT_MS);
const app = createChatApp({ engine, metrics, dev: true, ...(heartbeatMs === undefined ? {} : { heartbeatMs }) });
const handle = await serve({ app, port: 0 });
console.log(`listening on ${handle.url} (bun ${process.versions.bun})`);
process.on('SIGTERM', () => {
  void handle.close().then(() => process.exit(0));
});
