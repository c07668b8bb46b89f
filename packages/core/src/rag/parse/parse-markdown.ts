import { recordText } from './html-to-blocks.js';
import { checkCount } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Reads Markdown line by line: ATX headings (`#`..`######`), paragraphs separated by blank lines,
 * fenced code kept whole, and pipe tables turned into `header: value` rows. Inline markup is kept:
 * it reads fine as plain text. Every block keeps its source `lines`.
 */
export function parseMarkdown(text: string, maxRows: number): DocumentBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];
  let first = 0; // 0-based line of the paragraph's first line
  let rows = 0;
  const flush = () => {
    const joined = paragraph.join('\n').trim();
    // An unclosed fence gets a closing line that is not in the source.
    const last = Math.min(first + paragraph.length, lines.length);
    if (joined) blocks.push({ type: 'paragraph', text: joined, lines: [first + 1, last] });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      if (heading[2])
        blocks.push({ type: 'heading', text: heading[2], level: heading[1]!.length, lines: [i + 1, i + 1] });
    } else if (/^\s*(```|~~~)/.test(line)) {
      flush();
      first = i;
      const fence = line.trim().slice(0, 3);
      const code = [line];
      while (++i < lines.length && !lines[i]!.trim().startsWith(fence)) code.push(lines[i]!);
      code.push(fence);
      paragraph = code;
      flush();
    } else if (line.includes('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      flush();
      const headers = cells(line);
      i++;
      let row = 0;
      while (i + 1 < lines.length && lines[i + 1]!.includes('|') && lines[i + 1]!.trim() !== '') {
        checkCount(++rows, maxRows, 'table rows');
        blocks.push({ type: 'row', text: recordText(headers, cells(lines[++i]!)), row: ++row, lines: [i + 1, i + 1] });
      }
    } else if (line.trim() === '') {
      flush();
    } else {
      if (paragraph.length === 0) first = i;
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** Plain text (and code): paragraphs separated by blank lines, each with its source `lines`. */
export function parsePlainText(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];
  let first = 0;
  const flush = () => {
    const joined = paragraph.join('\n').trim();
    if (joined) blocks.push({ type: 'paragraph', text: joined, lines: [first + 1, first + paragraph.length] });
    paragraph = [];
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') flush();
    else {
      if (paragraph.length === 0) first = i;
      paragraph.push(line);
    }
  });
  flush();
  return blocks;
}
