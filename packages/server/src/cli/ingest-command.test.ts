import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeBase, createMemoryKnowledgeStore } from '@company-chat/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIngestArgs, runIngest } from './ingest-command.js';

const fixtures = new URL('../../../core/src/rag/__fixtures__/', import.meta.url);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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
    expect(parseIngestArgs(['x', '--nope'])).toHaveProperty('error');
  });

  it('bulk-loads a folder into a shared collection, reporting bad files and drawing progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-ingest-'));
    dirs.push(dir);
    cpSync(new URL('handbook.pdf', fixtures), join(dir, 'handbook.pdf'));
    cpSync(new URL('offices.csv', fixtures), join(dir, 'sub-offices.csv'));
    cpSync(new URL('not-really.pdf', fixtures), join(dir, 'broken.pdf'));
    writeFileSync(join(dir, '.hidden.txt'), 'secret');
    symlinkSync('/etc/passwd', join(dir, 'link.txt'));
    const knowledge = createKnowledgeBase({
      store: createMemoryKnowledgeStore(),
      logger: { info() {}, warn() {}, error() {} },
    });
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
    expect(lines.at(-1)).toMatch(/^Ingested 2 of 3 files \(\d+ chunks\) into collection "handbook"; 1 failed\.$/);
    expect(drawn).toContain('3/3');
    // Shared: any user of the tenant finds it.
    const [top] = await knowledge.retrieve({ tenantId: 'acme', userId: 'someone' }, 'parental leave');
    expect(top).toMatchObject({ fileName: 'handbook.pdf', page: 2 });
    expect(await knowledge.retrieve({ tenantId: 'other', userId: 'someone' }, 'parental leave')).toEqual([]);
  });

  it('is idempotent, versions changed files, and prunes files gone from the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-ingest-'));
    dirs.push(dir);
    cpSync(new URL('handbook.pdf', fixtures), join(dir, 'handbook.pdf'));
    cpSync(new URL('offices.csv', fixtures), join(dir, 'offices.csv'));
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nThe printer on floor 3 is called Cyan.');
    const knowledge = createKnowledgeBase({
      store: createMemoryKnowledgeStore(),
      logger: { info() {}, warn() {}, error() {} },
    });
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
      });
      return { summary, lines };
    };
    expect((await ingest(false)).summary).toMatchObject({ ingested: 3, unchanged: 0, failed: [] });
    const ids = (await knowledge.filesInScope(reader, { type: 'shared', collection: 'docs' })).map((f) => f.id);

    const again = await ingest(false);
    expect(again.summary).toMatchObject({ ingested: 0, unchanged: 3, chunks: 0, failed: [] });
    expect(again.lines.at(-1)).toBe('Ingested 0 of 3 files (0 chunks) into collection "docs"; 3 unchanged.');

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
      expect.stringMatching(/^updated .*notes\.md \(markdown, 1 chunks, version 2\)$/),
    );
    expect(pruned.lines).toContain('deleted offices.csv (no longer in the folder)');
    const files = await knowledge.filesInScope(reader, { type: 'shared', collection: 'docs' });
    expect(files.map((f) => f.name).sort()).toEqual(['handbook.pdf', 'notes.md']);
    expect(files.every((f) => ids.includes(f.id))).toBe(true);
    expect((await knowledge.retrieve(reader, 'printer floor 3'))[0]?.text).toContain('Yellow');
    expect(await knowledge.retrieve(reader, 'Lisbon reception')).toEqual([]);
  });
});
