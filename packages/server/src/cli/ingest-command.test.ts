import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeBase, createMemoryKnowledgeStore } from '@company-chat/core';
import { documentFixturesUrl } from '@company-chat/testing/rag';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIngestArgs, runIngest } from './ingest-command.js';
import { createIngestProgressLine, formatBytes, formatDuration } from './ingest-progress-line.js';

const fixtures = documentFixturesUrl;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding fixtures (fixture name → name in the folder). */
function folderOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-ingest-'));
  dirs.push(dir);
  for (const [fixture, name] of Object.entries(files)) cpSync(new URL(fixture, fixtures), join(dir, name));
  return dir;
}

const memoryKnowledge = () =>
  createKnowledgeBase({ store: createMemoryKnowledgeStore(), logger: { info() {}, warn() {}, error() {} } });

describe('company-chat ingest', () => {
  it('parses its arguments', () => {
    expect(parseIngestArgs(['docs', 'a.pdf', '--collection', 'hr'])).toEqual({
      paths: ['docs', 'a.pdf'],
      collection: 'hr',
      tenantId: 'default',
      userId: 'cli',
      prune: false,
    });
    expect(parseIngestArgs(['docs', '--prune'])).toMatchObject({ paths: ['docs'], prune: true });
    expect(parseIngestArgs([])).toEqual({ error: 'Name a folder or files to ingest.' });
    expect(parseIngestArgs(['x', '--nope'])).toEqual({ error: 'Unknown option "--nope".' });
    expect(parseIngestArgs(['--help'])).toEqual({ help: true });
    expect(parseIngestArgs(['docs', '-h'])).toEqual({ help: true });
  });

  it('bulk-loads a folder into a shared collection, reporting bad files and drawing progress', async () => {
    const dir = folderOf({
      'handbook.pdf': 'handbook.pdf',
      'offices.csv': 'sub-offices.csv',
      'not-really.pdf': 'broken.pdf',
    });
    writeFileSync(join(dir, '.hidden.txt'), 'secret');
    symlinkSync('/etc/passwd', join(dir, 'link.txt'));
    const knowledge = memoryKnowledge();
    const lines: string[] = [];
    let drawn = '';
    const summary = await runIngest({
      knowledge,
      paths: [dir],
      collection: 'handbook',
      tenantId: 'acme',
      userId: 'ops',
      prune: false,
      log: (line) => lines.push(line),
      progress: { write: (text) => (drawn += text) },
    });
    expect(summary).toMatchObject({ ingested: 2, failed: [{ code: 'unreadable_file' }] });
    expect(lines.at(-1)).toMatch(
      /^Ingested 2 of 3 files \(\d+ chunks, \d+ KB\) into collection "handbook" in \d+s; 1 failed\.$/,
    );
    // The line names the file being read, its size and stage, and ends with every file done.
    expect(drawn).toMatch(/1\/3 files · .* · handbook(\.pdf|…) \(\d+ KB\): indexing \d+ chunks/);
    expect(drawn).toContain('3/3 files');
    // Shared: any user of the tenant finds it.
    const [top] = await knowledge.retrieve({ tenantId: 'acme', userId: 'someone' }, 'parental leave');
    expect(top).toMatchObject({ fileName: 'handbook.pdf', page: 2 });
    expect(await knowledge.retrieve({ tenantId: 'other', userId: 'someone' }, 'parental leave')).toEqual([]);
  });

  it('is idempotent, versions changed files, and prunes files gone from the folder', async () => {
    const dir = folderOf({ 'handbook.pdf': 'handbook.pdf', 'offices.csv': 'offices.csv' });
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nThe printer on floor 3 is called Cyan.');
    const knowledge = memoryKnowledge();
    const reader = { tenantId: 'acme', userId: 'someone' };
    const ingest = async (prune: boolean) => {
      const lines: string[] = [];
      const summary = await runIngest({
        knowledge,
        paths: [dir],
        collection: 'docs',
        tenantId: 'acme',
        userId: 'ops',
        prune,
        log: (line) => lines.push(line),
        now: () => 0,
      });
      return { summary, lines };
    };
    expect((await ingest(false)).summary).toMatchObject({ ingested: 3, unchanged: 0, failed: [] });
    const ids = (await knowledge.filesInScope(reader, { type: 'shared', collection: 'docs' })).map((f) => f.id);

    const again = await ingest(false);
    expect(again.summary).toMatchObject({ ingested: 0, unchanged: 3, chunks: 0, failed: [] });
    expect(again.lines.at(-1)).toBe('Ingested 0 of 3 files (0 chunks, 0 B) into collection "docs" in 0s; 3 unchanged.');

    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nThe printer on floor 3 is now called Yellow.');
    rmSync(join(dir, 'offices.csv'));
    mkdirSync(join(dir, 'sub'));
    cpSync(new URL('handbook.pdf', fixtures), join(dir, 'sub', 'renamed.pdf'));
    writeFileSync(join(dir, 'sub', 'notes.md'), '# Other notes');
    const pruned = await ingest(true);
    expect(pruned.summary).toMatchObject({ ingested: 1, updated: 1, unchanged: 2, pruned: 1 });
    expect(pruned.summary.failed).toEqual([
      {
        path: expect.stringMatching(/sub\/notes\.md$/),
        code: 'invalid_request',
        message: expect.stringMatching(/^Same file name as .*notes\.md; rename one of them\.$/),
      },
    ]);
    expect(pruned.lines).toContainEqual(
      expect.stringMatching(/^updated .*notes\.md \(markdown, \d+ B, 1 chunks, version 2\)$/),
    );
    expect(pruned.lines).toContain('deleted offices.csv (no longer in the folder)');
    const files = await knowledge.filesInScope(reader, { type: 'shared', collection: 'docs' });
    expect(files.map((f) => f.name).sort()).toEqual(['handbook.pdf', 'notes.md']);
    expect(files.every((f) => ids.includes(f.id))).toBe(true);
    expect((await knowledge.retrieve(reader, 'printer floor 3'))[0]?.text).toContain('Yellow');
    expect(await knowledge.retrieve(reader, 'Lisbon reception')).toEqual([]);
  });

  it('without a terminal prints one plain line per file and a summary', async () => {
    const dir = folderOf({
      'handbook.pdf': 'handbook.pdf',
      'offices.csv': 'offices.csv',
      'not-really.pdf': 'broken.pdf',
    });
    const knowledge = memoryKnowledge();
    const lines: string[] = [];
    await runIngest({
      knowledge,
      paths: [dir],
      collection: 'docs',
      tenantId: 'acme',
      userId: 'ops',
      prune: false,
      log: (line) => lines.push(line),
    });
    expect(lines).toEqual([
      expect.stringMatching(/^failed {2}.*broken\.pdf: unreadable_file: /),
      expect.stringMatching(/^ok {6}.*handbook\.pdf \(pdf, \d+ KB, \d+ chunks\)$/),
      expect.stringMatching(/^ok {6}.*offices\.csv \(csv, \d+ B, \d+ chunks\)$/),
      expect.stringMatching(
        /^Ingested 2 of 3 files \(\d+ chunks, \d+ KB\) into collection "docs" in \d+s; 1 failed\.$/,
      ),
    ]);
    expect(lines.join('\n')).not.toContain('\r');
    expect(lines.join('\n')).not.toContain('\u001b');
  });
});

describe('createIngestProgressLine', () => {
  it('shows files, bytes, chunks, the current stage and an ETA that moves during a large file', () => {
    let clock = 0;
    let written = '';
    const MB = 1024 * 1024;
    const line = createIngestProgressLine({
      out: { write: (text) => (written = text), columns: 200 },
      totalFiles: 2,
      totalBytes: 20 * MB,
      now: () => clock,
    });
    line.startFile(0, 'big.csv', 10 * MB);
    expect(written).toBe(
      '\r[------------] 0/2 files · 0 B/20.0 MB · 0 chunks · ETA ? · big.csv (10.0 MB): parsing\u001b[K',
    );
    line.update({ stage: 'parsed' });
    expect(written).toContain('big.csv (10.0 MB): chunking');
    line.update({ stage: 'chunked', fileId: 'f', chunks: 256, embedded: 256, fraction: 0.03 });
    clock = 10_000;
    line.update({ stage: 'chunked', fileId: 'f', chunks: 4000, embedded: 4000, fraction: 0.5 });
    // Half of the first file in 10 s: 15 MB left at 0.5 MB/s.
    expect(written).toContain(
      '5.0 MB/20.0 MB · 0 chunks · ETA 30s · big.csv (10.0 MB): embedding and indexing 4,000 chunks',
    );
    line.update({ stage: 'embedded', fileId: 'f', chunks: 8000 });
    expect(written).toContain('indexing 8,000 chunks');
    clock = 40_000;
    line.finishFile(8000);
    expect(written).toContain('[######------] 1/2 files · 10.0 MB/20.0 MB · 8,000 chunks · ETA 40s');
    line.clear();
    expect(written).toBe('\r\u001b[K');
  });

  it('on a narrow terminal gives up the bar, the chunk total and the file name before the stage', () => {
    let written = '';
    const line = createIngestProgressLine({
      out: { write: (text) => (written = text), columns: 80 },
      totalFiles: 1,
      totalBytes: 12 * 1024 * 1024,
      now: () => 0,
    });
    line.startFile(0, 'quarterly-report-2025.pdf', 12 * 1024 * 1024);
    line.update({ stage: 'chunked', fileId: 'f', chunks: 10, fraction: 0.5 });
    expect(written).toBe('\r0/1 files · 6.0 MB/12.0 MB · ETA ? · quarterly-r… (12.0 MB): indexing 10 chunks\u001b[K');
  });

  it('formats sizes and durations for people', () => {
    expect([formatBytes(512), formatBytes(34 * 1024), formatBytes(12.34 * 1024 * 1024)]).toEqual([
      '512 B',
      '34 KB',
      '12.3 MB',
    ]);
    expect([formatDuration(42_000), formatDuration(185_000), formatDuration(3_720_000)]).toEqual([
      '42s',
      '3m 05s',
      '1h 02m',
    ]);
  });
});
