import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRuntimeConformance } from '@company-chat/testing/conformance';
import { openChatStream } from '@company-chat/testing/http';
import { spawnRuntime } from '@company-chat/testing/runtimes';
import { startWireServer } from '@company-chat/testing/wire';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';

// The `bun` npm package (a root devDependency) ships the binary; nothing is downloaded at test time.
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const bunBinary = join(repoRoot, 'node_modules/bun/bin/bun.exe');
const entry = fileURLToPath(new URL('./bun-entry.ts', import.meta.url));

const startBun = (upstream: { openaiBaseURL: string; apiKey: string }, env: Record<string, string> = {}) =>
  spawnRuntime({
    command: bunBinary,
    args: ['--conditions=@company-chat/source', 'run', entry],
    cwd: repoRoot,
    env: { OPENAI_BASE_URL: upstream.openaiBaseURL, OPENAI_API_KEY: upstream.apiKey, ...env },
  });

runRuntimeConformance('Bun', startBun);

describe('Bun metrics', () => {
  it('serves prom-client metrics of a chat, event-loop lag included', async () => {
    const wire = await startWireServer({ apiKey: 'sk-bun' });
    const server = await startBun({ openaiBaseURL: wire.openaiBaseURL, apiKey: 'sk-bun' });
    try {
      const stream = await openChatStream(server.url, { content: 'Hello' });
      expect((await stream.ended).at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      const families = new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));
      const answers = families.get('company_chat_answers_total')?.metrics;
      expect(answers).toEqual([
        { value: '1', labels: { provider: 'openai-compatible', model: 'gpt-4o-mini', status: 'complete' } },
      ]);
      expect(families.get('company_chat_http_requests_total')?.metrics).toContainEqual({
        value: '1',
        labels: { method: 'POST', route: '/api/v1/chat', status: '200' },
      });
      expect(families.get('nodejs_eventloop_lag_seconds')?.metrics).toHaveLength(1);
    } finally {
      await server.stop();
      await wire.close();
    }
  });
});

describe('Bun adapter shutdown', () => {
  it('ends in-flight streams with a shutting_down error on SIGTERM and exits cleanly', async () => {
    const wire = await startWireServer({ apiKey: 'sk-bun' });
    const server = await startBun({ openaiBaseURL: wire.openaiBaseURL, apiKey: 'sk-bun' });
    try {
      const stream = await openChatStream(server.url, { content: 'Go [[wire:{"type":"stall","afterChunks":2}]]' });
      await stream.waitFor((e) => e.event === 'text-delta');
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
      server.child.kill('SIGTERM');
      const events = await stream.ended;
      expect(events.find((e) => e.event === 'error')?.data.error.code).toBe('shutting_down');
      expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'error' });
      expect(await exited).toBe(0);
    } finally {
      await server.stop();
      await wire.close();
    }
  });

  it('keeps a stream open while the model is silent for longer than the default 10 s idle timeout of Bun', async () => {
    const wire = await startWireServer({ apiKey: 'sk-bun' });
    // No heartbeat: nothing is written for 12 s, so only the adapter's idleTimeout keeps the connection.
    const server = await startBun({ openaiBaseURL: wire.openaiBaseURL, apiKey: 'sk-bun' }, { HEARTBEAT_MS: '0' });
    try {
      const stream = await openChatStream(server.url, {
        content: 'Think first [[wire:{"type":"answer","text":"Done thinking.","firstTokenDelayMs":12000}]]',
      });
      const events = await stream.ended;
      expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
      expect(
        events
          .filter((e) => e.event === 'text-delta')
          .map((e) => e.data.delta)
          .join(''),
      ).toBe('Done thinking.');
    } finally {
      await server.stop();
      await wire.close();
    }
  }, 60_000);
});
