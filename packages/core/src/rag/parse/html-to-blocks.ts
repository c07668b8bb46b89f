import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import { checkCount } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object', 'canvas']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'blockquote',
  'figure',
  'figcaption',
  'address',
  'form',
  'fieldset',
  'hr',
  'body',
  'html',
]);

/**
 * Turns HTML into text blocks: headings keep their level, tables become `header: value` rows, scripts,
 * styles and other non-text elements are dropped. Never executes or fetches anything.
 */
export function htmlToBlocks(html: string, maxRows: number): DocumentBlock[] {
  const root = parse(html, { comment: false, blockTextElements: { pre: true } });
  const blocks: DocumentBlock[] = [];
  let buffer = '';
  let rows = 0;
  const flush = () => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ type: 'paragraph', text });
    buffer = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      buffer += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (SKIP.has(tag)) return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush();
      const text = textOf(el);
      if (text) blocks.push({ type: 'heading', text, level: Number(heading[1]) });
      return;
    }
    if (tag === 'table') {
      flush();
      for (const row of tableRows(el)) {
        checkCount(++rows, maxRows, 'table rows');
        blocks.push(row);
      }
      return;
    }
    if (tag === 'br') buffer += ' ';
    const isBlock = BLOCK.has(tag);
    if (isBlock) flush();
    for (const child of el.childNodes) walk(child);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return blocks;
}

function textOf(el: HTMLElement): string {
  return el.text.replace(/\s+/g, ' ').trim();
}

/** Rows of a table as `header: value; ...`, the first row naming the columns. */
function tableRows(table: HTMLElement): DocumentBlock[] {
  const rows = table
    .querySelectorAll('tr')
    .map((tr) => tr.childNodes.filter(isCell).map((cell) => textOf(cell as HTMLElement)))
    .filter((cells) => cells.some((c) => c !== ''));
  if (rows.length === 0) return [];
  if (rows.length === 1) return [{ type: 'row', text: rows[0]!.join('; '), row: 1 }];
  const headers = rows[0]!.map((h, i) => h || `column ${i + 1}`);
  return rows.slice(1).map((cells, i) => ({ type: 'row', text: recordText(headers, cells), row: i + 1 }));
}

function isCell(node: Node): boolean {
  const tag = (node as HTMLElement).rawTagName?.toLowerCase();
  return tag === 'td' || tag === 'th';
}

/** `header: value; header: value`, skipping empty values. Shared by tables and CSV rows. */
export function recordText(headers: readonly string[], cells: readonly string[]): string {
  const parts: string[] = [];
  cells.forEach((value, i) => {
    const v = value.trim();
    if (v) parts.push(`${headers[i] ?? `column ${i + 1}`}: ${v}`);
  });
  return parts.join('; ');
}
