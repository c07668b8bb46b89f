import { recordText } from './html-to-blocks.js';
import { checkCount } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Reads Markdown line by line: ATX headings (`#`..`######`), paragraphs separated by blank lines,
 * fenced code kept whole, and pipe tables turned into `header: value` rows. Inline markup is kept:
 * it reads fine as plain text.
 */
export function parseMarkdown(text: string, maxRows: number): DocumentBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];
  let rows = 0;
  const flush = () => {
    const joined = paragraph.join('\n').trim();
    if (joined) blocks.push({ type: 'paragraph', text: joined });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      if (heading[2]) blocks.push({ type: 'heading', text: heading[2], level: heading[1]!.length });
    } else if (/^\s*(```|~~~)/.test(line)) {
      flush();
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
        blocks.push({ type: 'row', text: recordText(headers, cells(lines[++i]!)), row: ++row });
      }
    } else if (line.trim() === '') {
      flush();
    } else {
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

/** Plain text: paragraphs separated by blank lines. */
export function parsePlainText(text: string): DocumentBlock[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ type: 'paragraph' as const, text: p }));
}
