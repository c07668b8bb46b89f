import type { Align, Block } from './markdown-types.js';

const blankRe = /^[ \t]*$/;
const headingRe = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const hrRe = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quoteRe = /^ {0,3}> ?/;
const listRe = /^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)/;
const setextRe = /^ {0,3}(=+|-+)[ \t]*$/;
const delimiterRowRe = /^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$/;

/** An opening code fence: its character, length and info string. Any indentation (list items nest them). */
export function openingFence(line: string): { char: string; len: number; lang: string } | null {
  const m = /^ *(`{3,}|~{3,})[ \t]*([^`]*)$/.exec(line);
  if (!m) return null;
  return { char: m[1]![0]!, len: m[1]!.length, lang: (m[2] ?? '').trim().split(/\s+/)[0] ?? '' };
}

/** True when `line` closes a fence opened with `fence`. */
export function closesFence(line: string, fence: { char: string; len: number }): boolean {
  const m = /^ *(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!m && m[1]![0] === fence.char && m[1]!.length >= fence.len;
}

function startsBlock(line: string): boolean {
  if (headingRe.test(line) || hrRe.test(line) || quoteRe.test(line) || openingFence(line)) return true;
  const list = listRe.exec(line);
  // Only bullets and ordered lists starting at 1 interrupt a paragraph (CommonMark), and only non-empty.
  return !!list && list[3] !== undefined && (/^[-*+]$/.test(list[2]!) || /^1[.)]$/.test(list[2]!));
}

/** Splits a table row into cells (pipes escaped as `\|` stay in the cell). */
function cells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function alignOf(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
}

/**
 * Parses markdown into blocks: paragraphs, ATX and setext headings, fenced code, lists (nested),
 * blockquotes, GFM tables and rules. Raw HTML is not a block type: it stays text. Indented code blocks
 * are not supported (chat models fence their code), so indentation never hides text.
 */
export function parseBlocks(src: string): Block[] {
  const lines = src.split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (blankRe.test(line)) {
      i++;
      continue;
    }
    const fence = openingFence(line);
    if (fence) {
      const indent = line.length - line.trimStart().length;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (closesFence(lines[i]!, fence)) {
          closed = true;
          i++;
          break;
        }
        body.push(lines[i]!.replace(new RegExp(`^ {0,${indent}}`), ''));
      }
      blocks.push({ type: 'code', lang: fence.lang, text: body.join('\n'), closed });
      continue;
    }
    const heading = headingRe.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length, text: heading[2] ?? '' });
      i++;
      continue;
    }
    if (hrRe.test(line)) {
      blocks.push({ type: 'hr' });
      i++;
      continue;
    }
    if (quoteRe.test(line)) {
      const body: string[] = [];
      while (i < lines.length && quoteRe.test(lines[i]!)) body.push(lines[i++]!.replace(quoteRe, ''));
      blocks.push({ type: 'blockquote', blocks: parseBlocks(body.join('\n')) });
      continue;
    }
    if (listRe.test(line)) {
      i = parseList(lines, i, blocks);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && delimiterRowRe.test(lines[i + 1]!)) {
      const header = cells(line);
      const align = cells(lines[i + 1]!).map(alignOf);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.includes('|') && !blankRe.test(lines[i]!); i++) {
        rows.push(cells(lines[i]!));
      }
      blocks.push({ type: 'table', align, header, rows });
      continue;
    }
    const para: string[] = [line];
    for (i++; i < lines.length; i++) {
      const next = lines[i]!;
      if (blankRe.test(next)) break;
      const setext = setextRe.exec(next);
      if (setext) {
        blocks.push({ type: 'heading', level: setext[1]![0] === '=' ? 1 : 2, text: para.join('\n').trim() });
        para.length = 0;
        i++;
        break;
      }
      if (startsBlock(next)) break;
      para.push(next);
    }
    if (para.length > 0) blocks.push({ type: 'paragraph', text: para.join('\n').trim() });
  }
  return blocks;
}

/** Parses the list starting at `lines[start]`; returns the index after it. */
function parseList(lines: string[], start: number, out: Block[]): number {
  const first = listRe.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const marker = ordered ? first[2]!.slice(-1) : first[2]!;
  const baseIndent = first[1]!.length;
  const items: Block[][] = [];
  let i = start;
  while (i < lines.length) {
    const m = listRe.exec(lines[i]!);
    if (!m || m[1]!.length > baseIndent + 1 || /\d/.test(m[2]!) !== ordered || m[2]!.slice(-1) !== marker.slice(-1)) {
      break;
    }
    const contentIndent = m[1]!.length + m[2]!.length + 1;
    const body: string[] = [m[3] ?? ''];
    let inFence: { char: string; len: number } | null = openingFence(m[3] ?? '');
    for (i++; i < lines.length; i++) {
      const next = lines[i]!;
      if (inFence) {
        body.push(dedent(next, contentIndent));
        if (closesFence(next, inFence)) inFence = null;
        continue;
      }
      if (blankRe.test(next)) {
        // A blank line continues the item only if indented content follows.
        const after = lines[i + 1];
        if (after !== undefined && indentOf(after) >= contentIndent && !blankRe.test(after)) {
          body.push('');
          continue;
        }
        break;
      }
      const indent = indentOf(next);
      if (indent >= contentIndent) {
        body.push(dedent(next, contentIndent));
        inFence = openingFence(next);
        continue;
      }
      // A sibling item, or something that ends the list; otherwise a lazy continuation line.
      if (listRe.test(next) || startsBlock(next)) break;
      body.push(next.trimStart());
    }
    items.push(parseBlocks(body.join('\n')));
    // Blank lines between items keep the list going (a "loose" list).
    let j = i;
    while (j < lines.length && blankRe.test(lines[j]!)) j++;
    if (j > i && j < lines.length && listRe.test(lines[j]!) && indentOf(lines[j]!) <= baseIndent + 1) i = j;
  }
  out.push({ type: 'list', ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items });
  return i;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function dedent(line: string, n: number): string {
  let k = 0;
  while (k < n && line[k] === ' ') k++;
  return line.slice(k);
}
