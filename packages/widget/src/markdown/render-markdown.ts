import { html, nothing, type TemplateResult } from 'lit';
import type { Block, Inline } from './markdown-types.js';
import { parseInline } from './parse-inline.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';

/** What rendering needs from the element: allowed image origins, strings and the copy action. */
export interface RenderContext {
  imageOrigins: ReadonlySet<string>;
  strings: { copyCode: string; codeLabel: string; imageBlocked: string };
  copy(text: string, button: HTMLElement): void;
  /**
   * Rendered inline content by source text, for the unfinished block re-rendered on every token: its
   * unchanged list items, table cells and paragraphs are then neither re-parsed nor rebuilt.
   */
  memo?: InlineMemo;
}

/** A two-generation cache: lookups read the previous render's entries; entries used now are kept. */
export class InlineMemo {
  #previous = new Map<string, unknown[]>();
  #current = new Map<string, unknown[]>();

  get(text: string, build: () => unknown[]): unknown[] {
    let value = this.#current.get(text) ?? this.#previous.get(text);
    if (!value) value = build();
    this.#current.set(text, value);
    return value;
  }

  /** Ends a render: what was not used in it is dropped. */
  rotate(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }
}

function inline(text: string, ctx: RenderContext): unknown[] {
  const build = () => renderInlines(parseInline(text), ctx);
  return ctx.memo ? ctx.memo.get(text, build) : build();
}

/**
 * Renders blocks as Lit templates. Model output only ever reaches the DOM as text nodes or as
 * attribute values Lit sets one by one (never through innerHTML), so raw HTML in an answer shows as text.
 */
export function renderBlock(block: Block, ctx: RenderContext): TemplateResult {
  switch (block.type) {
    case 'paragraph':
      return html`<p>${inline(block.text, ctx)}</p>`;
    case 'heading': {
      const content = inline(block.text, ctx);
      // Answers sit below the widget's own h2, so markdown levels map into h3/h4 without gaps (a skipped
      // level confuses screen-reader navigation); the class keeps the visual hierarchy.
      const cls = `md-h${block.level}`;
      return block.level <= 3 ? html`<h3 class=${cls}>${content}</h3>` : html`<h4 class=${cls}>${content}</h4>`;
    }
    case 'code':
      return html`<div class="code-block" part="code-block">
        <div class="code-head">
          <span class="code-lang">${block.lang || ctx.strings.codeLabel}</span>
          <button
            type="button"
            class="copy-code"
            part="copy-code-button"
            aria-label=${ctx.strings.copyCode}
            title=${ctx.strings.copyCode}
            @click=${(e: Event) => ctx.copy(block.text, e.currentTarget as HTMLElement)}
          >
            ${ctx.strings.copyCode}
          </button>
        </div>
        <pre tabindex="0"><code>${block.text}</code></pre>
      </div>`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderItem(item, ctx)}</li>`);
      return block.ordered
        ? html`<ol start=${block.start === 1 ? nothing : block.start}>${items}</ol>`
        : html`<ul>${items}</ul>`;
    }
    case 'blockquote':
      return html`<blockquote>${block.blocks.map((b) => renderBlock(b, ctx))}</blockquote>`;
    case 'table':
      return html`<div class="table-wrap" tabindex="0">
        <table>
          <thead>
            <tr>
              ${block.header.map((cell, i) => html`<th class=${alignClass(block.align[i])}>${cellContent(cell, ctx)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${block.rows.map(
              (row) =>
                html`<tr>
                  ${block.header.map(
                    (_, i) => html`<td class=${alignClass(block.align[i])}>${cellContent(row[i] ?? '', ctx)}</td>`,
                  )}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
    case 'hr':
      return html`<hr />`;
  }
}

// A tight list item's single paragraph renders without <p> margins.
function renderItem(blocks: Block[], ctx: RenderContext): unknown {
  const [first, ...rest] = blocks;
  if (first?.type === 'paragraph') {
    return [inline(first.text, ctx), rest.map((b) => renderBlock(b, ctx))];
  }
  return blocks.map((b) => renderBlock(b, ctx));
}

function cellContent(cell: string, ctx: RenderContext): unknown {
  return inline(cell, ctx);
}

// CSS classes instead of style attributes: inline styles would need 'unsafe-inline' under a strict CSP.
function alignClass(align: string | null | undefined): string {
  return align ? `align-${align}` : '';
}

/** Renders inline nodes: text as text nodes, links and images only when their URL is allowed. */
export function renderInlines(nodes: Inline[], ctx: RenderContext): unknown[] {
  return nodes.map((node) => renderInline(node, ctx));
}

function renderInline(node: Inline, ctx: RenderContext): unknown {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'code':
      return html`<code>${node.text}</code>`;
    case 'strong':
      return html`<strong>${renderInlines(node.children, ctx)}</strong>`;
    case 'em':
      return html`<em>${renderInlines(node.children, ctx)}</em>`;
    case 'del':
      return html`<del>${renderInlines(node.children, ctx)}</del>`;
    case 'br':
      return html`<br />`;
    case 'link': {
      const href = safeLinkUrl(node.href);
      const children = renderInlines(node.children, ctx);
      return href
        ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${children}</a>`
        : html`<span class="unsafe-link">${children}</span>`;
    }
    case 'image': {
      const src = safeImageUrl(node.src, ctx.imageOrigins);
      return src
        ? html`<img src=${src} alt=${node.alt} loading="lazy" referrerpolicy="no-referrer" />`
        : html`<span class="image-blocked" title=${ctx.strings.imageBlocked}
              >[${ctx.strings.imageBlocked}${node.alt ? `: ${node.alt}` : ''}]</span
            >`;
    }
  }
}
