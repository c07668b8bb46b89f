import type { Token, Tokens } from 'marked';
import type { MarkdownEnhancers } from './markdown-enhancers.js';
import { type RenderContext, renderListItem, renderTableRow } from './render-markdown.js';

/** The DOM of one token of the unfinished tail, kept across updates while its source is unchanged. */
export interface TailNode {
  raw: string;
  node: Node | null;
  /** The link definitions it was rendered with (a reference may resolve differently since). */
  linksVersion: number;
  token?: Token;
}

/**
 * Updates the DOM of a growing list or table in place for its new token (unchanged items or rows keep
 * their nodes), or returns null when it must be rendered afresh.
 */
export function patchTailNode(prev: TailNode, token: Token, ctx: RenderContext): TailNode | null {
  if (token.type === 'list') return patchList(prev, token as Tokens.List, ctx);
  if (token.type === 'table') return patchTable(prev, token as Tokens.Table, ctx);
  return null;
}

// A growing list keeps the DOM of its unchanged items: only the changed (usually the last) one is rebuilt.
function patchList(prev: TailNode, token: Tokens.List, ctx: RenderContext): TailNode | null {
  const list = prev.node;
  const before = prev.token;
  if (
    !(list instanceof HTMLElement) ||
    before?.type !== 'list' ||
    before.ordered !== token.ordered ||
    before.start !== token.start ||
    before.loose !== token.loose
  ) {
    return null;
  }
  token.items.forEach((item, k) => {
    const current = list.children[k];
    if (current && before.items[k]?.raw === item.raw) return;
    const li = renderListItem(item, token.loose, ctx);
    if (current) current.replaceWith(li);
    else list.append(li);
  });
  while (list.children.length > token.items.length) list.lastElementChild?.remove();
  return { raw: token.raw, node: list, linksVersion: prev.linksVersion, token };
}

// A growing table keeps the DOM of its unchanged rows (same header and alignment).
function patchTable(prev: TailNode, token: Tokens.Table, ctx: RenderContext): TailNode | null {
  const before = prev.token;
  const body = prev.node instanceof HTMLElement ? prev.node.querySelector('tbody') : null;
  const cells = (row: Tokens.TableCell[] | undefined) => row?.map((c) => c.text).join('\u0000');
  if (
    !body ||
    before?.type !== 'table' ||
    token.rows.length === 0 ||
    cells(before.header) !== cells(token.header) ||
    before.align.join() !== token.align.join()
  ) {
    return null;
  }
  token.rows.forEach((row, k) => {
    const current = body.rows[k];
    if (current && cells(before.rows[k]) === cells(row)) return;
    const tr = renderTableRow(token, row, ctx);
    if (current) current.replaceWith(tr);
    else body.append(tr);
  });
  while (body.rows.length > token.rows.length) body.lastElementChild?.remove();
  return { raw: token.raw, node: prev.node, linksVersion: prev.linksVersion, token };
}

/** Calls the enhancers once per code block with a language and per math node in `node` (`done` remembers). */
export function enhanceNode(node: Node, enhancers: MarkdownEnhancers, done: WeakSet<Element>): void {
  if (!(node instanceof Element)) return;
  const targets: Element[] = [];
  if (node.matches('code[data-lang], .cc-math')) targets.push(node);
  targets.push(...node.querySelectorAll('code[data-lang], .cc-math'));
  for (const el of targets) {
    if (done.has(el) || !(el instanceof HTMLElement)) continue;
    done.add(el);
    if (el.localName === 'code') {
      enhancers.code?.(el, el.dataset.lang ?? '', el.textContent ?? '');
    } else {
      enhancers.math?.(el, el.dataset.tex ?? '', el.classList.contains('cc-math-display'));
    }
  }
}
