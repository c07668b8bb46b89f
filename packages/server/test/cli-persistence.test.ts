import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATABASE_URL } from '@company-chat/testing/databases';
import { openChatStream } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './spawn-cli.js';

let wire: WireServer;
const running: CliProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
afterEach(async () => {
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await cli.exited;
  }
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function start(env: Record<string, string>) {
  const cli = await spawnCli({ OPENAI_BASE_URL: wire.openaiBaseURL, OPENAI_API_KEY: 'sk-wire', ...env });
  running.push(cli);
  return cli;
}

async function stop(cli: CliProcess) {
  cli.child.kill('SIGTERM');
  expect(await cli.exited).toBe(0);
}

async function chatAndList(env: Record<string, string>) {
  const first = await start(env);
  const stream = await openChatStream(first.url, { content: 'Remember me' }, { 'x-user-id': 'alice' });
  const events = await stream.ended;
  const id: string = events[0]!.data.conversation.id;
  await stop(first);
  const second = await start(env);
  const list = await (await fetch(`${second.url}/api/v1/conversations`, { headers: { 'x-user-id': 'alice' } })).json();
  const read = await (
    await fetch(`${second.url}/api/v1/conversations/${id}`, { headers: { 'x-user-id': 'alice' } })
  ).json();
  return { first, second, id, list, read };
}

// The README's start command: no store configuration keeps history on disk across restarts;
// DATABASE_URL switches to PostgreSQL with no other change.
describe('company-chat serve keeps history across restarts', { timeout: 120_000 }, () => {
  it('by default: PGlite on disk (here in a temp COMPANY_CHAT_DATA_DIR)', async () => {
    const cwdLike = await mkdtemp(join(tmpdir(), 'cc-cli-'));
    cleanups.push(() => rm(cwdLike, { recursive: true, force: true }));
    const env = { COMPANY_CHAT_STORE: '', COMPANY_CHAT_DATA_DIR: join(cwdLike, '.company-chat', 'db') };
    const { first, id, list, read } = await chatAndList(env);
    expect(first.output()).toMatch(/Store: PGlite/);
    expect(list.conversations.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(read.messages.map((m: { role: string; status: string }) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('with DATABASE_URL: PostgreSQL', async () => {
    const schema = `cc_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    });
    const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const { first, id, read } = await chatAndList({ COMPANY_CHAT_STORE: '', DATABASE_URL: url });
    expect(first.output()).toMatch(/Store: PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:5432\/test/);
    expect(read.messages).toHaveLength(2);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.messages WHERE conversation_id = $1`, [
      id,
    ]);
    expect(rows[0].n).toBe(2);
  });
});
