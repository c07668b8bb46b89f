import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteChatStore } from '@company-chat/core/pglite';
import { answerText, openChatStream } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './spawn-cli.js';

let wire: WireServer;
const running: CliProcess[] = [];
const answer = 'Hello from the wire server. This answer arrives in several small chunks.';

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill('SIGKILL');
    await cli.exited;
  }
});

// The memory store keeps these fast; the SIGTERM test uses the default embedded database in a temp dir.
async function start(env: Record<string, string>) {
  const cli = await spawnCli({ COMPANY_CHAT_STORE: 'memory', ...env });
  running.push(cli);
  return cli;
}

// Each test spawns the CLI from source (several seconds on a busy machine), the SIGTERM one also opens PGlite twice.
describe('company-chat serve', { timeout: 90_000 }, () => {
  it.each([
    [
      'an OpenAI-compatible server (OPENAI_BASE_URL)',
      () => ({ OPENAI_BASE_URL: wire.openaiBaseURL, OPENAI_API_KEY: 'sk-wire' }),
      'openai',
    ],
    [
      'Azure OpenAI (AZURE_OPENAI_ENDPOINT)',
      () => ({
        AZURE_OPENAI_ENDPOINT: wire.azureEndpoint,
        AZURE_OPENAI_API_KEY: 'sk-wire',
        AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-prod',
      }),
      'azure',
    ],
    [
      'Anthropic (ANTHROPIC_BASE_URL)',
      () => ({ ANTHROPIC_BASE_URL: wire.anthropicBaseURL, ANTHROPIC_API_KEY: 'sk-wire' }),
      'anthropic',
    ],
  ])('streams a chat from %s', async (_name, env, vendor) => {
    const cli = await start(env());
    expect(cli.output()).toMatch(/Development mode/);
    expect(cli.output()).not.toContain('sk-wire');
    const stream = await openChatStream(cli.url, { content: 'Say hello' }, { 'x-user-id': 'alice' });
    expect(stream.status).toBe(200);
    const events = await stream.ended;
    expect(answerText(events)).toBe(answer);
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
    expect(wire.requests.at(-1)?.vendor).toBe(vendor);
    const models = await (await fetch(`${cli.url}/api/v1/models`)).json();
    expect(models.models.map((m: { id: string }) => m.id)).toEqual(['default', vendor]);
  });

  it('starts without any model, says which variables to set, and answers from uploaded files offline', async () => {
    const cli = await start({});
    expect(cli.output()).toMatch(/No model is configured/);
    expect(cli.output()).toMatch(/OPENAI_API_KEY/);
    expect(cli.output()).toMatch(/ANTHROPIC_API_KEY/);
    expect(cli.output()).toMatch(/AZURE_OPENAI_ENDPOINT/);
    const form = new FormData();
    const doc = '# Office\n\nThe Lisbon office opens at 08:30 and the cafeteria serves pastel de nata on Fridays.\n';
    form.append('file', new File([doc], 'office.md', { type: 'text/markdown' }));
    const upload = await fetch(`${cli.url}/api/v1/files`, { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const stream = await openChatStream(cli.url, { content: 'When does the Lisbon office open?' });
    expect(stream.status).toBe(200);
    const events = await stream.ended;
    const citation = events.find((e) => e.event === 'citation');
    expect(citation?.data).toMatchObject({ type: 'citation', index: 1, fileName: 'office.md' });
    expect(answerText(events)).toContain('08:30');
    expect(answerText(events)).toMatch(/without a language model|retrieval/i);
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
  });

  it('on SIGTERM ends in-flight streams with an error event, stores the partial answer and exits cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'company-chat-cli-'));
    const cli = await start({
      OPENAI_BASE_URL: wire.openaiBaseURL,
      OPENAI_API_KEY: 'sk-wire',
      COMPANY_CHAT_STORE: '',
      COMPANY_CHAT_DATA_DIR: dataDir,
    });
    expect(cli.output()).toMatch(/PGlite/);
    wire.script({ type: 'stall', afterChunks: 2 });
    const stream = await openChatStream(cli.url, { content: 'Talk slowly' });
    await stream.waitFor((e) => e.event === 'text-delta');
    cli.child.kill('SIGTERM');
    const events = await stream.ended;
    expect(events.find((e) => e.event === 'error')?.data.error.code).toBe('shutting_down');
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'error' });
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/SIGTERM: shutting down/);
    // The upstream request was closed, not left hanging.
    await wire.requests.at(-1)?.closed;

    // What the process stored survives it: the partial answer, marked as ended by an error.
    const conversationId: string = events[0]?.data.conversation.id;
    const store = await createPgliteChatStore({ dataDir });
    try {
      const messages = await store.listMessages({ tenantId: 'default', userId: 'dev-user' }, conversationId);
      expect(messages?.map((m) => [m.role, m.status, m.content])).toEqual([
        ['user', 'complete', 'Talk slowly'],
        ['assistant', 'error', 'Hello from'],
      ]);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
