import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerParser } from './create-worker-parser.js';

/** A PDF of `pages` pages of text: seconds of work for pdf.js, whatever the machine. */
async function largePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 55; line++) {
      page.drawText(`Page ${p} line ${line}: the retry policy applies to every request sent by the client.`, {
        x: 40,
        y: 800 - line * 14,
        size: 9,
        font,
      });
    }
  }
  return doc.save();
}

describe('createWorkerParser', () => {
  const parser = createWorkerParser({ threads: 1 });
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await largePdf(100);
  });
  afterAll(() => parser.close());

  it('keeps the event loop answering requests while a large PDF is parsed', async () => {
    const server = createServer((_, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    try {
      let settled = false;
      const parsing = parser.parse({ bytes: pdf, name: 'big.pdf' }).finally(() => {
        settled = true;
      });
      // Parsing in process, pdf.js would hold this thread between pages; in a worker every request is answered.
      for (let i = 0; i < 5; i++) expect(await (await fetch(url)).text()).toBe('ok');
      expect(settled).toBe(false);
      const doc = await parsing;
      expect(doc.pageCount).toBe(100);
      expect(doc.blocks.at(-1)).toMatchObject({ page: 100 });
    } finally {
      server.close();
    }
  });

  it('fails a file over its CPU-time budget with 422 parse_timeout, and parses the next one', async () => {
    // 100 pages cost far more than one clock tick (10 ms) of CPU time on any machine, busy or idle.
    const error = await parser.parse({ bytes: pdf, name: 'big.pdf', limits: { timeBudgetMs: 5 } }).catch((e) => e);
    expect(error).toMatchObject({
      code: 'parse_timeout',
      statusCode: 422,
      message: 'Reading the file took longer than 5 ms of processing time.',
    });
    const doc = await parser.parse({ bytes: new TextEncoder().encode('# Title\n\nBody text.'), name: 'a.md' });
    expect(doc.kind).toBe('markdown');
  });

  it('brings bad-file errors back with their code, and stops a parse when aborted', async () => {
    const bad = await parser
      .parse({ bytes: new TextEncoder().encode('%PDF-1.7 broken'), name: 'x.pdf' })
      .catch((e) => e);
    expect(bad).toMatchObject({ code: 'unreadable_file', statusCode: 422 });
    const controller = new AbortController();
    const parsing = parser.parse({ bytes: pdf, name: 'big.pdf' }, { signal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(parsing).rejects.toThrow('client went away');
    expect((await parser.parse({ bytes: new TextEncoder().encode('a,b\n1,2\n'), name: 'x.csv' })).kind).toBe('csv');
  });
});
