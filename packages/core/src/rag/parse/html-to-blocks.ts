import { type AnyNode, type Element, isTag, isText } from 'domhandler';
import { checkCount } from './parse-errors.js';
import { parseHtmlTree } from './parse-html-tree.js';
import type { DocumentBlock } from './parsed-document.js';

/** Elements whose content is never document text: code, embedded media, navigation and forms' option lists. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'nav',
  'select',
  'button',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'figure',
  'figcaption',
  'address',
  'form',
  'fieldset',
  'hr',
  'body',
  'html',
  'td',
  'th',
  'tr',
  'caption',
]);
/** Inside a table cell, these mean the table lays out a page rather than holding data. */
const LAYOUT_CONTENT = new Set(['table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'ul', 'ol']);

/**
 * Turns HTML into text blocks with a real HTML parser's tree (htmlparser2): headings keep their level,
 * list items become `- item` blocks, data tables become `header: value` rows, `<pre>` keeps its line
 * breaks as text, entities are decoded, and scripts, styles, navigation and other non-text elements
 * are dropped. Every text node is read once: a table nested in a layout table is read as its own
 * content, not again as part of each enclosing cell. Never executes or fetches anything.
 */
export function htmlToBlocks(html: string, maxRows: number): DocumentBlock[] {
  const root = parseHtmlTree(html);
  const blocks: DocumentBlock[] = [];
  let buffer = '';
  let rows = 0;
  const flush = () => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text && text !== '-') blocks.push({ type: 'paragraph', text });
    buffer = '';
  };
  // An explicit stack instead of recursion: a page of 200,000 nested elements must not exhaust the call stack.
  const stack: (AnyNode | (() => void))[] = [...root.children].reverse();
  const pushChildren = (el: Element) => {
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'function') {
      item();
      continue;
    }
    if (isText(item)) {
      buffer += item.data;
      continue;
    }
    if (!isTag(item)) continue;
    const tag = item.name.toLowerCase();
    if (SKIP.has(tag)) continue;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush();
      const text = collapse(textOf(item));
      if (text) blocks.push({ type: 'heading', text, level: Number(heading[1]) });
      continue;
    }
    if (tag === 'pre') {
      flush();
      const text = preText(textOf(item));
      if (text) blocks.push({ type: 'paragraph', text });
      continue;
    }
    if (tag === 'table' && !isLayoutTable(item)) {
      flush();
      for (const row of tableRows(item)) {
        checkCount(++rows, maxRows, 'table rows');
        blocks.push(row);
      }
      continue;
    }
    if (tag === 'br') buffer += ' ';
    if (tag === 'li') {
      flush();
      buffer = '- ';
      stack.push(flush);
    } else if (BLOCK.has(tag) || tag === 'table') {
      flush();
      stack.push(flush);
    }
    pushChildren(item);
  }
  flush();
  return blocks;
}

/** The text under an element, skipping non-text elements, read without recursion. */
function textOf(el: Element): string {
  let text = '';
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) text += node.data;
    else if (isTag(node) && !SKIP.has(node.name.toLowerCase())) {
      if (node.name === 'br' || BLOCK.has(node.name)) text += ' ';
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return text;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Preformatted text keeps its lines; trailing spaces and runs of blank lines go. */
function preText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The rows of this table only, not of tables nested in its cells. */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (isTag(tr) && tr.name === 'tr') rows.push(tr);
    }
  }
  return rows;
}

function cellsOf(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'));
}

/** A table whose cells hold headings, lists, code or further tables lays out a page: it is read as flowing text. */
function isLayoutTable(table: Element): boolean {
  for (const tr of ownRows(table)) {
    for (const cell of cellsOf(tr)) {
      const stack: AnyNode[] = [...cell.children];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (!isTag(node)) continue;
        if (LAYOUT_CONTENT.has(node.name)) return true;
        for (const child of node.children) stack.push(child);
      }
    }
  }
  return false;
}

/** Rows of a data table as `header: value; ...`, the first row naming the columns. */
function tableRows(table: Element): DocumentBlock[] {
  const rows = ownRows(table)
    .map((tr) => cellsOf(tr).map((cell) => collapse(textOf(cell))))
    .filter((cells) => cells.some((c) => c !== ''));
  if (rows.length === 0) return [];
  if (rows.length === 1) return [{ type: 'row', text: rows[0]!.join('; '), row: 1 }];
  const headers = rows[0]!.map((h, i) => h || `column ${i + 1}`);
  return rows.slice(1).map((cells, i) => ({ type: 'row', text: recordText(headers, cells), row: i + 1 }));
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
