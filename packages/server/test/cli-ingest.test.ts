import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openChatStream } from './http-client.js';
import { type CliProcess, spawnCli } from './spawn-cli.js';
import { answerText } from './sse-client.js';

const run = promisify(execFile);
const cliPath = fileURLToPath(new URL('../src/cli/cli.ts', import.meta.url));
const fixtures = new URL('../../core/src/rag/__fixtures__/', import.meta.url);
const dirs: string[] = [];
const running: CliProcess[] = [];

afterAll(async () => {
  for (const cli of running) {
    cli.child.kill('SIGTERM');
    await cli.exited;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('company-chat ingest, then serve', { timeout: 120_000 }, () => {
  it('bulk-loads a folder into the shared collection that the offline answerer then cites', async () => {
    const docs = mkdtempSync(join(tmpdir(), 'cc-ingest-docs-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-ingest-data-'));
    dirs.push(docs, dataDir);
    cpSync(new URL('handbook.pdf', fixtures), join(docs, 'handbook.pdf'));
    cpSync(new URL('not-really.pdf', fixtures), join(docs, 'broken.pdf'));
    const env = { PATH: process.env.PATH ?? '', COMPANY_CHAT_DATA_DIR: dataDir };
    const result = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=@company-chat/source', cliPath, 'ingest', docs],
      { env, cwd: fileURLToPath(new URL('../../..', import.meta.url)) },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    // One bad file: reported, the rest ingested, exit code 1.
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stdout).toMatch(/handbook\.pdf/);
    expect(result.stdout).toMatch(/broken\.pdf/);

    const cli = await spawnCli({ COMPANY_CHAT_STORE: '', COMPANY_CHAT_DATA_DIR: dataDir });
    running.push(cli);
    const stream = await openChatStream(cli.url, { content: 'How many weeks of parental leave?' });
    const events = await stream.ended;
    expect(events.find((e) => e.event === 'citation')?.data).toMatchObject({ fileName: 'handbook.pdf', page: 2 });
    expect(answerText(events)).toMatch(/sixteen weeks/);
  });
});
