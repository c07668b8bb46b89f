import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { defineElement } from '../define-element.js';
import { IncrementalMarkdown } from './incremental-markdown.js';
import { markdownStyles } from './markdown-styles.js';
import type { Block } from './markdown-types.js';
import { InlineMemo, type RenderContext, renderBlock } from './render-markdown.js';

/**
 * Renders a (growing) markdown text. Finished blocks render once; an update re-parses and re-renders only
 * the unfinished last block.
 *
 * @csspart code-block - A fenced code block.
 * @csspart copy-code-button - The copy button of a code block.
 */
export class CcMarkdown extends LitElement {
  static override styles = [markdownStyles, css`:host { display: block; }`];
  static override properties = {
    content: { type: String },
    context: { attribute: false },
  };

  /** The markdown text so far. */
  declare content: string;
  /** Image origins, strings and the copy action. */
  declare context: RenderContext;

  readonly #md = new IncrementalMarkdown();
  #contextVersion = 0;
  // Finished blocks never change: their templates are built once (inline parsing included).
  #rendered = new WeakMap<Block, TemplateResult>();
  readonly #memo = new InlineMemo();
  #tailContext: RenderContext | null = null;

  constructor() {
    super();
    this.content = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('content')) this.#md.update(this.content);
    if (changed.has('context')) {
      this.#contextVersion++;
      this.#rendered = new WeakMap();
      this.#memo.rotate();
      this.#memo.rotate();
      this.#tailContext = { ...this.context, memo: this.#memo };
    }
  }

  protected override render() {
    const md = this.#md;
    const ctx = this.context;
    const committed = () =>
      md.committed.map((b) => {
        let t = this.#rendered.get(b);
        if (!t) {
          t = renderBlock(b, ctx);
          this.#rendered.set(b, t);
        }
        return t;
      });
    const tailContext = this.#tailContext ?? ctx;
    const tail = md.tail.map((b) => renderBlock(b, tailContext));
    this.#memo.rotate();
    return html`${guard([md.version, this.#contextVersion], committed)}${tail}`;
  }
}

defineElement('cc-markdown', CcMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'cc-markdown': CcMarkdown;
  }
}
