import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RuntimeServer, runRuntimeConformance } from '@company-chat/testing/conformance';
import { createTestSchema, TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { Miniflare } from 'miniflare';
import { bundleWorker } from './bundle-worker.js';

const entry = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));

/** Bundles the test Worker and runs it in workerd (a binary inside the `workerd` npm package) via miniflare. */
async function startWorkerd(bindings: Record<string, string>): Promise<RuntimeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'company-chat-worker-'));
  const scriptPath = join(dir, 'worker.js');
  try {
    await bundleWorker(entry, scriptPath, { source: true });
    const mf = new Miniflare({
      modules: true,
      scriptPath,
      modulesRoot: dir,
      compatibilityDate: '2026-04-01',
      // enable_request_signal: request.signal aborts when the client disconnects (wrangler.toml sets it too).
      compatibilityFlags: ['nodejs_compat', 'enable_request_signal'],
      bindings: { COMPANY_CHAT_DEV: '1', ...bindings },
    });
    const url = (await mf.ready).origin;
    return {
      url,
      stop: async () => {
        await mf.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

runRuntimeConformance('Cloudflare Workers (workerd), memory store', ({ openaiBaseURL, apiKey }) =>
  startWorkerd({ OPENAI_BASE_URL: openaiBaseURL, OPENAI_API_KEY: apiKey }),
);

// `pg` over cloudflare:sockets (the nodejs_compat flag), one connection per request.
runRuntimeConformance('Cloudflare Workers (workerd), PostgreSQL store', async ({ openaiBaseURL, apiKey }) => {
  const { schema, drop } = await createTestSchema();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const server = await startWorkerd({ OPENAI_BASE_URL: openaiBaseURL, OPENAI_API_KEY: apiKey, DATABASE_URL: url.href });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await drop();
    },
  };
});
