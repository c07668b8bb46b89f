import type { Token, Tokens } from 'marked';
import { decodeEntities } from './decode-entities.js';
import type { MarkdownEnhancers } from './markdown-enhancers.js';
import type { MathToken } from './math-extension.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';

/** What rendering needs from the element: allowed image origins, strings, the copy action and options. */
export interface RenderContext {
  imageOrigins: ReadonlySet<string>;
  strings: { copyCode: string; codeLabel: string; imageBlocked: string };
  copy(text: string, button: HTMLElement): void;
  /** Whether `$…$`, `$$…$$`, `\(…\)` and `\[…\]` are math (default true); false keeps them as text. */
  math?: boolean;
  /** Hooks that upgrade finished code blocks and math (highlighting, typesetting). */
  enhancers?: MarkdownEnhancers;
}

type Attrs = Record<string, string | null | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null,
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) for (const [name, value] of Object.entries(attrs)) if (value != null) el.setAttribute(name, value);
  for (const child of children) if (child !== null) el.append(child);
  return el;
}

function fragment(nodes: (Node | string | null)[]): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const n of nodes) if (n !== null) f.append(n);
  return f;
}

/**
 * Renders one top-level token as DOM nodes (null for tokens that render nothing, such as definitions).
 * Model output only ever reaches the DOM as text nodes or as attribute values set one by one (never
 * through innerHTML), so raw HTML in an answer shows as text.
 */
export function renderBlock(token: Token, ctx: RenderContext): Node | null {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return h('p', null, renderInlines(token.tokens ?? [], ctx));
    case 'text':
      return h('p', null, token.tokens ? renderInlines(token.tokens, ctx) : decodeEntities(token.text));
    case 'heading': {
      // Answers sit below the widget's own h2, so markdown levels map into h3/h4 without gaps (a skipped
      // level confuses screen-reader navigation); the class keeps the visual hierarchy.
      const t = token as Tokens.Heading;
      return h(t.depth <= 3 ? 'h3' : 'h4', { class: `md-h${t.depth}` }, renderInlines(t.tokens, ctx));
    }
    case 'code':
      return renderCode(token as Tokens.Code, ctx);
    case 'hr':
      return h('hr', null);
    case 'blockquote':
      return h('blockquote', null, renderBlocks((token as Tokens.Blockquote).tokens, ctx));
    case 'list':
      return renderList(token as Tokens.List, ctx);
    case 'table':
      return renderTable(token as Tokens.Table, ctx);
    case 'html':
      // Raw HTML is shown as the text it is.
      return h('p', null, token.raw.replace(/\n+$/, ''));
    case 'math':
      return mathNode(token as MathToken, 'div');
    default:
      return token.raw ? h('p', null, token.raw) : null;
  }
}

function renderBlocks(tokens: Token[], ctx: RenderContext): DocumentFragment {
  return fragment(tokens.map((t) => renderBlock(t, ctx)));
}

function renderCode(token: Tokens.Code, ctx: RenderContext): HTMLElement {
  const lang = decodeEntities(/^\S*/.exec(token.lang ?? '')?.[0] ?? '');
  // The text without the line break that ends the block's last line.
  const text = token.text.replace(/\n$/, '');
  const button = h(
    'button',
    {
      type: 'button',
      class: 'copy-code',
      part: 'copy-code-button',
      'aria-label': ctx.strings.copyCode,
      title: ctx.strings.copyCode,
    },
    ctx.strings.copyCode,
  );
  button.addEventListener('click', () => ctx.copy(text, button));
  return h(
    'div',
    { class: 'code-block', part: 'code-block' },
    h('div', { class: 'code-head' }, h('span', { class: 'code-lang' }, lang || ctx.strings.codeLabel), button),
    h('pre', { tabindex: '0' }, h('code', { 'data-lang': lang || null }, text)),
  );
}

function renderList(token: Tokens.List, ctx: RenderContext): HTMLElement {
  const items = token.items.map((item) => renderListItem(item, token.loose, ctx));
  if (!token.ordered) return h('ul', null, ...items);
  const start = typeof token.start === 'number' && token.start !== 1 ? String(token.start) : null;
  return h('ol', { start }, ...items);
}

/** Renders one item of a list (`loose`: its text is in paragraphs); task items get a disabled checkbox. */
export function renderListItem(item: Tokens.ListItem, loose: boolean, ctx: RenderContext): HTMLLIElement {
  const children: (Node | string | null)[] = [];
  for (const t of item.tokens) {
    if (t.type === 'checkbox') continue;
    // A tight item's text renders without <p> margins; a loose item's text is a paragraph.
    if (t.type === 'text' && !loose) {
      children.push(t.tokens ? renderInlines(t.tokens, ctx) : decodeEntities(t.text));
    } else {
      children.push(renderBlock(t.type === 'text' ? { ...t, type: 'paragraph' } : t, ctx));
    }
  }
  if (item.task) {
    const checkbox = h('input', { type: 'checkbox', disabled: '', checked: item.checked ? '' : null });
    const first = children[0];
    if (first instanceof HTMLParagraphElement) first.prepend(checkbox, ' ');
    else children.unshift(checkbox, ' ');
  }
  return h('li', item.task ? { class: 'task-list-item' } : null, ...children);
}

// CSS classes instead of style attributes: inline styles would need 'unsafe-inline' under a strict CSP.
function alignClass(align: string | null): Attrs | null {
  return align ? { class: `align-${align}` } : null;
}

function renderTable(token: Tokens.Table, ctx: RenderContext): HTMLElement {
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      ...token.header.map((cell, i) => h('th', alignClass(token.align[i] ?? null), renderInlines(cell.tokens, ctx))),
    ),
  );
  const body = token.rows.length ? h('tbody', null, ...token.rows.map((row) => renderTableRow(token, row, ctx))) : null;
  return h('div', { class: 'table-wrap', tabindex: '0' }, h('table', null, head, body));
}

/** Renders one body row of a table (as many cells as the header, aligned like it). */
export function renderTableRow(table: Tokens.Table, row: Tokens.TableCell[], ctx: RenderContext): HTMLTableRowElement {
  return h(
    'tr',
    null,
    ...table.header.map((_, i) =>
      h('td', alignClass(table.align[i] ?? null), renderInlines(row[i]?.tokens ?? [], ctx)),
    ),
  );
}

function mathNode(token: MathToken, tag: 'div' | 'span'): HTMLElement {
  const cls = token.display ? 'cc-math cc-math-display' : 'cc-math';
  return h(tag, { class: cls, 'data-tex': token.tex }, token.tex);
}

/**
 * A link destination as CommonMark outputs it: entities decoded, then characters a URL may not hold
 * percent-encoded (existing `%XX` kept), so `\\` and `[` reach the URL parser encoded instead of being
 * rewritten by it.
 */
function destination(raw: string): string {
  const decoded = decodeEntities(raw);
  try {
    return encodeURI(decoded).replace(/%25([0-9a-fA-F]{2})/g, '%$1');
  } catch {
    return decoded;
  }
}

/** The plain text of inline tokens (an image's alt text). */
function plainText(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) {
    const children = 'tokens' in t ? t.tokens : undefined;
    if (t.type === 'escape') out += t.text;
    else if (t.type === 'text') out += children ? plainText(children) : decodeEntities(t.text);
    else if (t.type === 'codespan') out += t.text;
    else if (t.type === 'image') out += plainText(t.tokens ?? []);
    else if (t.type === 'math') out += (t as MathToken).tex;
    else if (t.type === 'br') out += '\n';
    else if (t.type === 'html') out += t.raw;
    else if (children) out += plainText(children);
  }
  return out;
}

/** Renders inline tokens: text as text nodes, links and images only when their URL is allowed. */
export function renderInlines(tokens: Token[], ctx: RenderContext): DocumentFragment {
  return fragment(tokens.map((t) => renderInline(t, ctx)));
}

function renderInline(token: Token, ctx: RenderContext): Node | string | null {
  switch (token.type) {
    case 'text':
      return token.tokens ? renderInlines(token.tokens, ctx) : decodeEntities(token.text);
    case 'escape':
      return token.text;
    case 'codespan':
      return h('code', null, token.text);
    case 'strong':
    case 'em':
    case 'del':
      return h(token.type, null, renderInlines(token.tokens ?? [], ctx));
    case 'br':
      return h('br', null);
    case 'html':
      return token.raw;
    case 'math':
      return mathNode(token as MathToken, 'span');
    case 'link': {
      const t = token as Tokens.Link;
      const href = safeLinkUrl(destination(t.href));
      const children = renderInlines(t.tokens, ctx);
      if (!href) return h('span', { class: 'unsafe-link' }, children);
      const title = t.title ? decodeEntities(t.title) : null;
      return h('a', { href, title, target: '_blank', rel: 'noopener noreferrer' }, children);
    }
    case 'image': {
      const t = token as Tokens.Image;
      const alt = plainText(t.tokens ?? []);
      const src = safeImageUrl(destination(t.href), ctx.imageOrigins);
      if (!src) {
        const label = `[${ctx.strings.imageBlocked}${alt ? `: ${alt}` : ''}]`;
        return h('span', { class: 'image-blocked', title: ctx.strings.imageBlocked }, label);
      }
      const title = t.title ? decodeEntities(t.title) : null;
      return h('img', { src, alt, title, loading: 'lazy', referrerpolicy: 'no-referrer' });
    }
    default:
      return token.raw;
  }
}
