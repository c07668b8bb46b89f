import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
    });
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
});
