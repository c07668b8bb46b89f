import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintWidgetToken } from '@company-chat/core';
import { answerText, openChatStream } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const secret = 'workers-example-widget-secret-0123456789';
const toml = readFileSync(join(exampleDir, 'wrangler.toml'), 'utf8');
const tomlString = (key: string) => new RegExp(`^${key} = "(.*)"$`, 'm').exec(toml)?.[1];

let wire: WireServer;
let mf: Miniflare;
let url: string;
let outDir: string;

beforeAll(async () => {
  // Bundled by wrangler itself, exactly as `wrangler deploy` would (workspace packages from source).
  outDir = mkdtempSync(join(tmpdir(), 'company-chat-workers-example-'));
  const build = spawnSync(join(exampleDir, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outDir], {
    cwd: exampleDir,
    encoding: 'utf8',
    env: {
      ...process.env,
      WRANGLER_BUILD_CONDITIONS: '@company-chat/source,workerd,worker,browser',
      WRANGLER_SEND_METRICS: 'false',
    },
  });
  expect(build.status, build.stderr + build.stdout).toBe(0);

  wire = await startWireServer({ apiKey: 'sk-workers-example' });
  mf = new Miniflare({
    modules: true,
    scriptPath: join(outDir, 'index.js'),
    modulesRoot: outDir,
    // The compatibility settings of wrangler.toml, so the test runs what a deploy would.
    compatibilityDate: tomlString('compatibility_date'),
    compatibilityFlags: JSON.parse(/^compatibility_flags = (\[.*\])$/m.exec(toml)![1]!),
    bindings: {
      OPENAI_MODEL: tomlString('OPENAI_MODEL')!,
      COMPANY_CHAT_SYSTEM_PROMPT: tomlString('COMPANY_CHAT_SYSTEM_PROMPT')!,
      OPENAI_BASE_URL: wire.openaiBaseURL,
      OPENAI_API_KEY: 'sk-workers-example',
      WIDGET_TOKEN_SECRET: secret,
    },
  });
  url = (await mf.ready).origin;
}, 180_000);
afterAll(async () => {
  await mf?.dispose();
  await wire?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('examples/cloudflare-workers', () => {
  it('refuses requests without a widget token', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const res = await fetch(`${url}/api/v1/models`, { headers: { 'x-user-id': 'mallory' } });
    expect(res.status).toBe(401);
  });

  it('streams a chat for a user of the host app, with the system prompt from wrangler.toml', async () => {
    const token = await mintWidgetToken({ secret, user: { id: 'u-42' } });
    const auth = { authorization: `Bearer ${token}` };
    const stream = await openChatStream(url, { content: 'Hello Workers' }, auth);
    expect(stream.status).toBe(200);
    const events = await stream.ended;
    expect(answerText(events)).toContain('Hello from the wire server');
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
    const upstream = wire.requests.at(-1)!;
    expect(upstream.body.model).toBe('gpt-4o-mini');
    expect(upstream.body.messages[0]).toEqual({ role: 'system', content: tomlString('COMPANY_CHAT_SYSTEM_PROMPT') });

    // The next request (possibly another engine instance) continues the same conversation.
    const conversationId = events.find((e) => e.event === 'conversation')?.data.conversation.id;
    const next = await (await openChatStream(url, { content: 'More', conversationId }, auth)).ended;
    expect(next.at(-1)?.data).toMatchObject({ status: 'complete' });
    const listed = await fetch(`${url}/api/v1/conversations`, { headers: auth });
    expect(JSON.stringify(await listed.json())).toContain(conversationId);
  });
});
