// A synthetic-but-realistic mixed corpus for the ingestion benchmark, generated deterministically
// (seeded) so every run ingests the same bytes: HTML manuals with nested layout tables, multi-page
// PDFs, DOCX with headings and tables, a large CSV, JSON records and Markdown docs.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** One generated file. */
export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

const WORDS = (
  'the a of to and in is for on with that by this be are from or as at it an was which can not ' +
  'retry timeout option value default server client request response header connection proxy certificate ' +
  'policy employee leave travel expense allowance manager approval payroll holiday benefit pension insurance ' +
  'database index query table column row backup restore replica migration schema transaction commit ' +
  'configure install upgrade release version feature deprecated compatible platform kernel module driver'
).split(' ');

/** A small seeded PRNG (mulberry32): the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function texts(seed: number) {
  const rnd = random(seed);
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 14);
    const words = Array.from({ length: n }, pick);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(' ')}.`;
  };
  const paragraph = (sentences = 3 + Math.floor(rnd() * 5)) => Array.from({ length: sentences }, sentence).join(' ');
  const title = () => Array.from({ length: 2 + Math.floor(rnd() * 3) }, pick).join(' ');
  return { rnd, pick, sentence, paragraph, title };
}

const encoder = new TextEncoder();
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An HTML manual page laid out with tables nested three deep, option tables and `<pre>` examples. */
function htmlPage(seed: number): string {
  const t = texts(seed);
  const sections: string[] = [];
  for (let s = 0; s < 12; s++) {
    const options = Array.from(
      { length: 8 },
      (_, i) =>
        `<tr><td><a href="#opt${s}-${i}">--${t.pick()}-${t.pick()}</a></td><td>${escapeHtml(t.sentence())}</td></tr>`,
    ).join('');
    sections.push(
      `<h2>${escapeHtml(t.title())}</h2><p>${escapeHtml(t.paragraph())}</p>` +
        `<table><tr><td><table><tr><td><table>${options}</table></td></tr></table></td></tr></table>` +
        `<pre>$ command --${t.pick()} ${t.pick()}\n${escapeHtml(t.sentence())}</pre><ul><li>${escapeHtml(t.sentence())}</li><li>${escapeHtml(t.sentence())}</li></ul>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(t.title())}</title></head><body>
<table width="100%"><tr><td class="nav"><a href="/">Home</a> | <a href="/docs">Docs</a></td></tr>
<tr><td><h1>${escapeHtml(t.title())}</h1>${sections.join('\n')}</td></tr></table></body></html>`;
}

async function pdfFile(seed: number, pages: number): Promise<Uint8Array> {
  const t = texts(seed);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(t.title(), { x: 50, y: 790, size: 16, font });
    let y = 760;
    while (y > 60) {
      // Lines of about 90 characters; a blank line between paragraphs.
      const words = t.paragraph(4).split(' ');
      let line = '';
      for (const word of words) {
        if ((line + word).length > 90) {
          page.drawText(line, { x: 50, y, size: 10, font });
          y -= 13;
          line = '';
          if (y <= 60) break;
        }
        line += `${word} `;
      }
      if (y > 60 && line) page.drawText(line, { x: 50, y, size: 10, font });
      y -= 26;
    }
  }
  return doc.save();
}

async function docxFile(seed: number): Promise<Uint8Array> {
  const t = texts(seed);
  const children: Array<Paragraph | Table> = [new Paragraph({ text: t.title(), heading: HeadingLevel.HEADING_1 })];
  for (let s = 0; s < 25; s++) {
    children.push(new Paragraph({ text: t.title(), heading: HeadingLevel.HEADING_2 }));
    for (let p = 0; p < 4; p++) children.push(new Paragraph(t.paragraph()));
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    children.push(
      new Table({
        rows: Array.from({ length: 6 }, () => new TableRow({ children: [cell(t.title()), cell(t.sentence())] })),
      }),
    );
  }
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** A CSV of at most `maxBytes` (the largest file the upload limit lets in), for the peak-memory run. */
export function largestCsv(maxBytes: number): CorpusFile {
  const bytes = encoder.encode(csvFile(700, Math.floor(maxBytes / 120)));
  // Cut at the last whole row within the limit.
  const end = bytes.subarray(0, maxBytes).lastIndexOf(10) + 1;
  return { name: 'largest.csv', bytes: bytes.subarray(0, end) };
}

/** The largest JSON array of records within `maxBytes`: the largest JSON file the upload limit lets in. */
export function largestJson(maxBytes: number): CorpusFile {
  const records = JSON.parse(jsonFile(701, Math.floor(maxBytes / 150))).records as unknown[];
  const parts: string[] = [];
  let size = 2;
  for (const record of records) {
    const part = JSON.stringify(record);
    if (size + part.length + 1 > maxBytes) break;
    parts.push(part);
    size += part.length + 1;
  }
  return { name: 'largest.json', bytes: encoder.encode(`[${parts.join(',')}]`) };
}

function csvFile(seed: number, rows: number): string {
  const t = texts(seed);
  const lines = ['id,name,department,city,salary band,start date,notes'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `${i},${t.pick()} ${t.pick()},${t.pick()},${t.pick()},B${1 + (i % 9)},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},"${t.sentence()}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function jsonFile(seed: number, records: number): string {
  const t = texts(seed);
  return JSON.stringify(
    {
      generated: '2026-01-01',
      records: Array.from({ length: records }, (_, i) => ({
        id: i,
        title: t.title(),
        tags: [t.pick(), t.pick()],
        owner: { name: t.title(), team: t.pick() },
        summary: t.sentence(),
      })),
    },
    null,
    2,
  );
}

function markdownFile(seed: number): string {
  const t = texts(seed);
  const parts = [`# ${t.title()}`, t.paragraph()];
  for (let s = 0; s < 15; s++) {
    parts.push(`## ${t.title()}`, t.paragraph(), t.paragraph());
    if (s % 3 === 0) {
      parts.push(
        '| option | meaning |',
        '| --- | --- |',
        ...Array.from({ length: 5 }, () => `| ${t.pick()} | ${t.sentence()} |`),
      );
    }
    if (s % 4 === 0) parts.push('```sh', `tool --${t.pick()} ${t.pick()}`, '```');
  }
  return parts.join('\n\n');
}

/** Sizes of the corpus; `scale` 1 is about 20 MB. */
export async function generateCorpus(scale = 1): Promise<CorpusFile[]> {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  const files: CorpusFile[] = [];
  for (let i = 0; i < n(30); i++) files.push({ name: `manual-${i}.html`, bytes: encoder.encode(htmlPage(100 + i)) });
  for (let i = 0; i < n(8); i++) files.push({ name: `book-${i}.pdf`, bytes: await pdfFile(200 + i, 20 + i * 5) });
  for (let i = 0; i < n(10); i++) files.push({ name: `policy-${i}.docx`, bytes: await docxFile(300 + i) });
  files.push({ name: 'staff.csv', bytes: encoder.encode(csvFile(400, n(60_000))) });
  for (let i = 0; i < n(5); i++)
    files.push({ name: `records-${i}.json`, bytes: encoder.encode(jsonFile(500 + i, 1500)) });
  for (let i = 0; i < n(40); i++) files.push({ name: `guide-${i}.md`, bytes: encoder.encode(markdownFile(600 + i)) });
  return files;
}
