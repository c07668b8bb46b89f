import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerText, openChatStream } from '@company-chat/testing/http';
import { spawnRuntime } from '@company-chat/testing/runtimes';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const bun = join(exampleDir, 'node_modules/bun/bin/bun.exe');

let wire: WireServer;
let dataDir: string;

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-bun-example' });
  dataDir = mkdtempSync(join(tmpdir(), 'company-chat-bun-example-'));
});
afterAll(async () => {
  await wire.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () =>
  spawnRuntime({
    command: bun,
    args: ['--conditions=@company-chat/source', 'run', 'src/server.ts'],
    cwd: exampleDir,
    env: {
      OPENAI_BASE_URL: wire.openaiBaseURL,
      OPENAI_API_KEY: 'sk-bun-example',
      SYSTEM_PROMPT: 'Be brief.',
      DATA_DIR: dataDir,
      DEV: '1',
      PORT: '0',
    },
  });

describe('examples/bun', () => {
  it('streams a chat on Bun and keeps the conversation in PGlite across a restart', async () => {
    const first = await start();
    let conversationId: string;
    try {
      const events = await (await openChatStream(first.url, { content: 'Hello Bun' })).ended;
      expect(answerText(events)).toContain('Hello from the wire server');
      expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
      expect(wire.requests.at(-1)?.body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
      conversationId = events.find((e) => e.event === 'conversation')?.data.conversation.id;
    } finally {
      await first.stop();
    }
    expect(first.child.exitCode).toBe(0); // SIGTERM: graceful close

    const second = await start();
    try {
      const res = await fetch(`${second.url}/api/v1/conversations/${conversationId}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { messages: Array<{ role: string; status: string }> };
      expect(body.messages.map((m) => [m.role, m.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'complete'],
      ]);
    } finally {
      await second.stop();
    }
  }, 120_000); // two Bun starts, each opening PGlite
});
