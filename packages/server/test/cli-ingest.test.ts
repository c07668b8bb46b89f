import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { answerText, openChatStream } from '@company-chat/testing/http';
import { documentFixturesUrl } from '@company-chat/testing/rag';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './spawn-cli.js';

const run = promisify(execFile);
const cliPath = fileURLToPath(new URL('../src/cli/cli.ts', import.meta.url));
const fixtures = documentFixturesUrl;
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
    writeFileSync(join(docs, 'old-notes.txt'), 'The parental leave rules were different once.');
    const env = { PATH: process.env.PATH ?? '', COMPANY_CHAT_DATA_DIR: dataDir };
    const ingest = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', '--conditions=@company-chat/source', cliPath, 'ingest', ...args], {
        env,
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    const result = await ingest(docs);
    // One bad file: reported, the rest ingested, exit code 1.
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stdout).toMatch(/handbook\.pdf/);
    expect(result.stdout).toMatch(/^Knowledge: SQL, full-text only: no embedder configured .*\.$/m);
    expect(result.stdout).toMatch(/broken\.pdf/);

    // Again, with a file gone and --prune: nothing duplicated, the vanished file deleted.
    rmSync(join(docs, 'old-notes.txt'));
    const again = await ingest(docs, '--prune');
    expect(again.stdout).toMatch(/^same {4}.*handbook\.pdf \(unchanged\)$/m);
    expect(again.stdout).toMatch(/^deleted old-notes\.txt \(no longer in the folder\)$/m);
    expect(again.stdout).toMatch(
      /Ingested 0 of 2 files \(0 chunks, 0 B\) into collection "default" in \d+s; 1 unchanged; 1 deleted; 1 failed\./,
    );

    const cli = await spawnCli({ COMPANY_CHAT_STORE: '', COMPANY_CHAT_DATA_DIR: dataDir });
    running.push(cli);
    const stream = await openChatStream(cli.url, { content: 'How many weeks of parental leave?' });
    const events = await stream.ended;
    expect(events.find((e) => e.event === 'citation')?.data).toMatchObject({ fileName: 'handbook.pdf', page: 2 });
    expect(answerText(events)).toMatch(/sixteen weeks/);
  });
});
