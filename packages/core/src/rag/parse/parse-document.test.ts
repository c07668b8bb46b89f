import { documentFixture as fixture } from '@company-chat/testing/rag';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CompanyChatError } from '../../errors/company-chat-error.js';
import { parseDocument } from './parse-document.js';
import { documentText } from './parsed-document.js';

async function parseError(bytes: Uint8Array, name?: string, limits?: Parameters<typeof parseDocument>[0]['limits']) {
  const error = await parseDocument({ bytes, name, limits }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!CompanyChatError.isInstance(error)) throw new Error(`expected a CompanyChatError, got ${String(error)}`);
  return { code: error.code, status: error.statusCode, message: error.message };
}

describe('parseDocument: sample files', () => {
  it('reads a multi-page PDF keeping page numbers', async () => {
    const doc = await parseDocument({ bytes: fixture('handbook.pdf'), name: 'handbook.pdf' });
    expect(doc.kind).toBe('pdf');
    expect(doc.pageCount).toBe(3);
    const leave = doc.blocks.find((b) => b.text.includes('sixteen weeks'));
    expect(leave?.page).toBe(2);
    expect(doc.blocks.find((b) => b.text.includes('full disk encryption'))?.page).toBe(3);
  });

  it('reads a DOCX with headings and a table as header: value rows', async () => {
    const doc = await parseDocument({ bytes: fixture('travel-policy.docx'), name: 'travel-policy.docx' });
    expect(doc.kind).toBe('docx');
    expect(doc.blocks[0]).toEqual({ type: 'heading', text: 'Travel policy', level: 1 });
    expect(doc.blocks).toContainEqual({
      type: 'row',
      text: 'City: Oslo; Daily allowance: 61 EUR; Hotel cap: 210 EUR',
      row: 3,
    });
  });

  it('reads CSV rows as records with row numbers, quoted commas included', async () => {
    const doc = await parseDocument({ bytes: fixture('offices.csv'), name: 'offices.csv' });
    expect(doc.kind).toBe('csv');
    expect(doc.rowCount).toBe(4);
    expect(doc.blocks[3]).toEqual({
      type: 'row',
      text: 'Office: Springfield, Main St; Country: USA; Head count: 210; Reception phone: +1 555 0100',
      row: 4,
    });
  });

  it('reads a large JSON file member by member into the same lines as a small one', async () => {
    const record = (i: number) => ({
      id: i,
      'odd key': `a "quoted", [bracketed] {braced} \\ text ${i}`,
      nested: { list: [1, null, true, { deep: `é ${i}` }], empty: {}, none: [] },
    });
    const value = { meta: { generated: '2026-01-01' }, records: Array.from({ length: 5000 }, (_, i) => record(i)) };
    const expected: string[] = [];
    const reference = (path: string, node: unknown): void => {
      if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          const key = /^[A-Za-z_$][\w$-]*$/.test(k) ? k : JSON.stringify(k);
          reference(Array.isArray(node) ? `${path}[${k}]` : path ? `${path}.${key}` : key, v);
        }
      } else expected.push(`${path}: ${typeof node === 'string' ? node : JSON.stringify(node)}`);
    };
    reference('', value);
    const text = JSON.stringify(value, null, 1);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const doc = await parseDocument({ bytes: new TextEncoder().encode(text), name: 'records.json' });
    expect(doc.blocks.map((b) => b.text)).toEqual(expected);
  });

  it('flattens JSON to path: value lines', async () => {
    const doc = await parseDocument({ bytes: fixture('benefits.json') });
    expect(doc.kind).toBe('json');
    expect(doc.blocks.map((b) => b.text)).toContain('benefits.gym.monthlySubsidy: 30');
    expect(doc.blocks.map((b) => b.text)).toContain('pension[1].employerMatchPercent: 5');
  });

  it('reads Markdown headings, paragraphs and tables', async () => {
    const doc = await parseDocument({ bytes: fixture('onboarding.md'), name: 'onboarding.md' });
    expect(doc.kind).toBe('markdown');
    expect(doc.blocks).toContainEqual({ type: 'heading', text: 'Buddy programme', level: 3, lines: [17, 17] });
    expect(doc.blocks).toContainEqual({
      type: 'row',
      text: 'Day: Wednesday; Activity: Security training with the compliance team',
      row: 2,
      lines: [15, 15],
    });
    expect(doc.blocks).toContainEqual({
      type: 'paragraph',
      text: 'Your IT account is created by the service desk before your first day.\nAsk for a hardware token if you work with customer data.',
      lines: [7, 8],
    });
  });

  it('keeps the source lines of text and code paragraphs', async () => {
    const code = 'def main():\n    print("hi")\n\n\n// run it\nmain()\r\n';
    const doc = await parseDocument({ bytes: new TextEncoder().encode(code), name: 'main.py' });
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'def main():\n    print("hi")', lines: [1, 2] },
      { type: 'paragraph', text: '// run it\nmain()', lines: [5, 6] },
    ]);
  });

  it('keeps only the text of HTML, dropping scripts and styles', async () => {
    const doc = await parseDocument({ bytes: fixture('intranet.html'), name: 'page.txt' });
    expect(doc.kind).toBe('html');
    const text = documentText(doc);
    expect(text).toContain('The canteen on floor 2 is open from 11:30 to 14:00.');
    expect(text).toContain('Fish on Fridays');
    expect(text).not.toMatch(/alert|tracking|color|Enable JavaScript/);
  });

  it('reads UTF-8 text with a BOM', async () => {
    const doc = await parseDocument({ bytes: fixture('notes.txt'), name: 'notes.txt' });
    expect(doc.kind).toBe('text');
    expect(doc.blocks[0]!.text).toBe('Printer notes');
  });

  it('trusts the content over the name: a PDF named .txt is read as a PDF', async () => {
    const doc = await parseDocument({ bytes: fixture('handbook.pdf'), name: 'notes.txt' });
    expect(doc.kind).toBe('pdf');
  });
});

describe('parseDocument: bad files', () => {
  it('rejects an oversized file with 413', async () => {
    expect(await parseError(new Uint8Array(2048).fill(65), 'big.txt', { maxBytes: 1024 })).toMatchObject({
      code: 'payload_too_large',
      status: 413,
    });
  });

  it('rejects empty and whitespace-only files with 422 empty_file', async () => {
    expect(await parseError(fixture('empty.txt'), 'empty.txt')).toMatchObject({ code: 'empty_file', status: 422 });
    expect(await parseError(new TextEncoder().encode(' \n\t\n'), 'blank.md')).toMatchObject({ code: 'empty_file' });
  });

  it('rejects a text file behind a .pdf name with 422 unreadable_file', async () => {
    expect(await parseError(fixture('not-really.pdf'), 'not-really.pdf')).toMatchObject({
      code: 'unreadable_file',
      status: 422,
    });
  });

  it('rejects a truncated PDF with 422', async () => {
    const error = await parseError(fixture('truncated.pdf'), 'truncated.pdf');
    expect(error.status).toBe(422);
    expect(['unreadable_file', 'empty_file']).toContain(error.code);
  });

  it('rejects malformed JSON behind a .json name', async () => {
    expect(await parseError(new TextEncoder().encode('{"a": [1, 2'), 'data.json')).toMatchObject({
      code: 'unreadable_file',
    });
  });

  it('rejects malformed structure in a large JSON file, which is read member by member', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => `{"id": ${i}, "name": "record ${i}"}`);
    const broken = [
      `[${records.join(',')} {"id": -1}]`, // a missing comma
      `[${records.join(',')}] trailing`,
      `{"records": [${records.join(',')}], "count" 20000}`, // a missing colon
      `[${records.join(',')},]`,
      `[${records.join(',')}`,
    ];
    for (const text of broken) {
      expect(await parseError(new TextEncoder().encode(text), 'data.json'), text.slice(-30)).toMatchObject({
        code: 'unreadable_file',
      });
    }
  });

  it('rejects a zip bomb DOCX by its declared ratio before inflating it', async () => {
    expect(await parseError(fixture('zip-bomb.docx'), 'zip-bomb.docx')).toMatchObject({
      code: 'archive_limits',
      status: 422,
    });
  });

  it('rejects a zip bomb that lies about its sizes by counting the real output', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    // Rewrite the declared uncompressed size (central directory and local header) to 1000 bytes.
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 1000, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 1000, true);
    }
    expect(await parseError(bomb, 'lying.docx')).toMatchObject({ code: 'archive_limits' });
  });

  it('rejects archives with too many entries', async () => {
    const files: Record<string, Uint8Array> = { 'word/document.xml': new Uint8Array(10) };
    for (let i = 0; i < 30; i++) files[`word/media/${i}.bin`] = new Uint8Array(1);
    expect(await parseError(zipSync(files), 'many.docx', { maxArchiveEntries: 20 })).toMatchObject({
      code: 'archive_limits',
    });
  });

  it('says a PDF needs a password instead of calling it damaged, and reads one that only restricts editing', async () => {
    expect(await parseError(fixture('password-protected.pdf'), 'locked.pdf')).toEqual({
      code: 'password_protected',
      status: 422,
      message: 'The PDF is protected by a password. Save a copy without the password and upload that.',
    });
    const doc = await parseDocument({ bytes: fixture('owner-locked.pdf'), name: 'owner-locked.pdf' });
    expect(doc.blocks.find((b) => b.text.includes('sixteen weeks'))?.page).toBe(2);
  });

  it('rejects other archives and binaries with 415', async () => {
    expect(await parseError(zipSync({ 'a.txt': new Uint8Array(3) }), 'a.zip')).toMatchObject({ status: 415 });
    expect(await parseError(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]), 'tool.txt')).toMatchObject({
      code: 'unsupported_media_type',
    });
  });

  it('enforces page and row limits', async () => {
    expect(await parseError(fixture('handbook.pdf'), 'h.pdf', { maxPages: 2 })).toMatchObject({
      code: 'document_limits',
    });
    expect(await parseError(fixture('offices.csv'), 'o.csv', { maxRows: 3 })).toMatchObject({
      code: 'document_limits',
    });
  });

  it('reads any well-formed file within the upload limit whole: rows and characters follow from the size', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i + 1},Office ${i + 1},${i % 7} floors`);
    const csv = new TextEncoder().encode(`id,name,size\n${rows.join('\n')}\n`);
    const table = await parseDocument({ bytes: csv, name: 'offices.csv' });
    expect(table.rowCount).toBe(150_000);
    expect(table.blocks.at(-1)).toEqual({
      type: 'row',
      text: 'id: 150000; name: Office 150000; size: 3 floors',
      row: 150_000,
    });
    const text = new TextEncoder().encode('A sentence of the long plain text file.\n\n'.repeat(150_000));
    expect((await parseDocument({ bytes: text, name: 'long.txt' })).blocks).toHaveLength(150_000);
    // The output budget still holds, counted while the rows are read.
    expect(await parseError(csv, 'offices.csv', { maxChars: 100_000 })).toMatchObject({
      code: 'document_limits',
      message: 'The file has more than 100000 characters of text, the most that is read.',
    });
  });

  it('rejects crafted nesting without exhausting memory or crashing', async () => {
    const deepJson = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const json = await parseError(new TextEncoder().encode(deepJson), 'deep.json');
    expect(json.status).toBe(422);
    const deepHtml = `<html><body>${'<div>'.repeat(200_000)}deep${'</div>'.repeat(200_000)}</body></html>`;
    const html = await parseDocument({ bytes: new TextEncoder().encode(deepHtml), name: 'deep.html' }).then(
      (doc) => ({ status: 200, text: documentText(doc) }),
      (e: unknown) => ({ status: CompanyChatError.isInstance(e) ? e.statusCode : 500, text: '' }),
    );
    expect([200, 422]).toContain(html.status);
  });

  it('stops a parse that runs past its time budget', async () => {
    expect(await parseError(fixture('handbook.pdf'), 'h.pdf', { timeBudgetMs: 0 })).toMatchObject({
      code: 'parse_timeout',
    });
  });
});
