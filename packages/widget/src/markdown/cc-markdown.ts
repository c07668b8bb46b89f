import { css, LitElement, nothing, type PropertyValues } from 'lit';
import type { Token } from 'marked';
import { defineElement } from '../define-element.js';
import { completeOpenMarkdown } from './complete-open-markdown.js';
import { IncrementalMarkdown } from './incremental-markdown.js';
import type { MarkdownEnhancers } from './markdown-enhancers.js';
import { markdownStyles } from './markdown-styles.js';
import { type RenderContext, renderBlock } from './render-markdown.js';
import { enhanceNode, patchTailNode, type TailNode } from './tail-nodes.js';

/** How much new text one step lexes when a lot arrives at once (a backlog, a fast model). */
const STEP_CHARS = 2000;
/** Main-thread time one frame may spend rendering before the rest moves to the next frame. */
const FRAME_BUDGET_MS = 10;
/**
 * Building a block's DOM is the smaller part of its cost: the browser's style, layout and paint of it
 * follow in the same frame and are not seen by FRAME_BUDGET_MS. So a frame also renders at most
 * `#frameChars` characters of new blocks, a number that follows how long the previous slice's frame
 * took in all: shrunk when it took more than TARGET_FRAME_MS, grown again while it takes less.
 */
const TARGET_FRAME_MS = 30;
const FRAME_CHARS = 4000;
const MIN_FRAME_CHARS = 400;
const MAX_FRAME_CHARS = 6000;
/**
 * After re-lexing the unfinished tail took `t` ms, the next re-lex waits `TAIL_PAUSE × t` ms, so a huge
 * or hostile open block uses at most a third of the main thread however fast its text arrives.
 */
const TAIL_PAUSE = 2;
/**
 * A tail shorter than this (in lexed characters) or re-lexed faster than CHEAP_TAIL_MS needs no pause:
 * ordinary answers render every token at once, and a first lex slowed by a cold start defers nothing.
 */
const CHEAP_TAIL_CHARS = 512;
const CHEAP_TAIL_MS = 2;
/** Longest last block that is shown with its open syntax completed while streaming. */
const COMPLETION_MAX_CHARS = 4000;

const completable = new Set(['paragraph', 'heading', 'list', 'blockquote']);

const nextFrame = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16);

/**
 * Renders a (growing) markdown answer. Finished blocks are rendered once and never touched again; an
 * update re-lexes and re-renders only the unfinished tail. Much text at once is rendered across
 * animation frames, ending in the same DOM.
 *
 * @csspart code-block - A fenced code block.
 * @csspart copy-code-button - The copy button of a code block.
 */
export class CcMarkdown extends LitElement {
  static override styles = [markdownStyles, css`:host { display: block; }`];
  static override properties = {
    content: { type: String },
    context: { attribute: false },
    streaming: { type: Boolean },
    enhancers: { attribute: false },
  };

  /** The markdown text so far. */
  declare content: string;
  /** Image origins, strings, the copy action and options. */
  declare context: RenderContext;
  /**
   * Whether more text is still coming. While true, the unfinished tail may lag a little behind a huge
   * open block and enhancers wait for blocks to finish; when it turns false the render is exact.
   */
  declare streaming: boolean;
  /** Hooks that upgrade finished code blocks and math; `context.enhancers` is used when unset. */
  declare enhancers: MarkdownEnhancers | undefined;

  #md = new IncrementalMarkdown();
  readonly #root = document.createElement('div');
  #fed = 0;
  #fedText = '';
  #committedNodes: (Node | null)[] = [];
  #tail: TailNode[] = [];
  #enhanced = new WeakSet<Element>();
  #frame = false;
  #frameChars = FRAME_CHARS;
  #charsLeft = FRAME_CHARS;
  // When the last frame that left blocks for the next one started (0: none is pending).
  #slicedAt = 0;
  #nextTailLexAt = 0;
  #completionTooSlow = false;
  #shownFrom: Token[] | null = null;
  #shownStreaming = false;
  #quietSince = '';
  #idle: Promise<void> = Promise.resolve();
  #resolveIdle: (() => void) | null = null;

  constructor() {
    super();
    this.content = '';
    this.streaming = false;
    this.#root.className = 'markdown';
    // Each answer takes its direction from its own text: an English answer on an RTL page stays LTR.
    this.#root.dir = 'auto';
  }

  /** Resolves once everything received so far is rendered exactly (slices done, tail up to date). */
  get settled(): Promise<void> {
    return this.updateComplete.then(() => this.#idle);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Frames do not run for a detached element: catch up on what arrived meanwhile.
    if (this.hasUpdated) this.#process();
  }

  protected override render() {
    return nothing;
  }

  protected override firstUpdated(): void {
    this.renderRoot.append(this.#root);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('context')) {
      const math = this.context?.math !== false;
      this.#md = new IncrementalMarkdown(math);
      this.#restart();
    } else if (changed.has('enhancers')) {
      // Enhancers set late (a lazily loaded module) still reach every finished node once.
      for (const node of this.#committedNodes) if (node) this.#enhanceNode(node);
      if (!this.streaming) for (const t of this.#tail) if (t.node) this.#enhanceNode(t.node);
    } else if (this.#slicedAt && this.#frame && (this.content ?? '').length >= this.#fed) {
      // A burst is being rendered in slices: the frame already scheduled takes the new text too (it
      // processes whenever text or blocks are pending, which a slice leaves), so no frame renders two.
      return;
    }
    this.#process();
  }

  // Starts a frame's rendering: adapts the characters it may render to how long the last slice's frame
  // took, from its start to this one's (its scripts, style, layout and paint).
  #startFrame(now: number): void {
    if (this.#slicedAt) {
      const took = now - this.#slicedAt;
      const next = took > TARGET_FRAME_MS ? this.#frameChars * (TARGET_FRAME_MS / took) : this.#frameChars * 1.25;
      this.#frameChars = Math.min(MAX_FRAME_CHARS, Math.max(MIN_FRAME_CHARS, Math.round(next)));
    }
    this.#slicedAt = 0;
    this.#charsLeft = this.#frameChars;
  }

  #restart(): void {
    this.#completionTooSlow = false;
    this.#shownFrom = null;
    this.#fed = 0;
    this.#fedText = '';
    this.#committedNodes = [];
    this.#tail = [];
    this.#root.replaceChildren();
  }

  // Feeds the text in steps and renders newly finished blocks until the frame budget is spent; the rest
  // continues in the next animation frame.
  #process(): void {
    if (!this.context) return;
    const started = performance.now();
    this.#startFrame(started);
    const md = this.#md;
    const content = this.content ?? '';
    // A replaced text (not an append) starts over; comparing the last fed characters keeps this O(1).
    const from = Math.max(0, this.#fed - 64);
    if (content.length < this.#fed || !content.startsWith(this.#fedText.slice(from, this.#fed), from)) {
      md.reset();
      this.#restart();
    }
    this.#fedText = content;
    while (true) {
      if (this.#fed < content.length) {
        let end = content.length;
        if (end - this.#fed > STEP_CHARS) {
          const nl = content.indexOf('\n', this.#fed + STEP_CHARS);
          end = nl < 0 ? content.length : nl + 1;
        }
        const text = end === content.length ? content : content.slice(0, end);
        const lexStart = performance.now();
        // Only the newest text may wait for a paused tail: the steps of a burst commit their blocks as they go.
        md.update(text, end === content.length && lexStart < this.#nextTailLexAt);
        if (!md.staleTail) this.#pauseTail(lexStart);
        this.#fed = end;
      }
      const done = this.#renderCommitted(started);
      if (!done || performance.now() - started > FRAME_BUDGET_MS) {
        if (done && this.#fed >= content.length) break;
        this.#slicedAt = started;
        this.#schedule();
        return;
      }
      if (this.#fed >= content.length) break;
    }
    this.#renderTail();
    if (md.staleTail || !this.streaming) this.#schedule();
    else this.#markIdle();
  }

  #schedule(): void {
    if (!this.#resolveIdle) this.#idle = new Promise((resolve) => (this.#resolveIdle = resolve));
    if (this.#frame) return;
    this.#frame = true;
    this.#quietSince = this.content;
    nextFrame(() => {
      this.#frame = false;
      if (!this.isConnected) {
        this.#slicedAt = 0;
        return this.#markIdle();
      }
      // Still behind on a burst: keep slicing.
      if (this.#fed < this.content.length || this.#committedNodes.length < this.#md.committed.length) {
        return this.#process();
      }
      // The text kept changing since the last frame, or the tail was just re-lexed: look again next frame.
      const now = performance.now();
      if (now < this.#nextTailLexAt || (this.content !== this.#quietSince && this.streaming)) return this.#schedule();
      this.#md.flush();
      this.#pauseTail(now);
      this.#startFrame(now);
      if (!this.#renderCommitted(performance.now())) {
        this.#slicedAt = now;
        return this.#schedule();
      }
      this.#renderTail();
      if (!this.streaming) for (const t of this.#tail) if (t.node) this.#enhanceNode(t.node);
      this.#markIdle();
    });
  }

  // Sets when the tail may be re-lexed next, from what lexing (`reset`) or showing it just cost.
  #pauseTail(started: number, reset = true): void {
    const now = performance.now();
    const spent = now - started;
    const cheap = spent < CHEAP_TAIL_MS || this.#md.tailWork < CHEAP_TAIL_CHARS;
    if (cheap) {
      if (reset) this.#nextTailLexAt = 0;
    } else {
      this.#nextTailLexAt = Math.max(this.#nextTailLexAt, now + TAIL_PAUSE * spent);
    }
  }

  #enhanceNode(node: Node): void {
    const enhancers = this.enhancers ?? this.context?.enhancers;
    if (enhancers) enhanceNode(node, enhancers, this.#enhanced);
  }

  #markIdle(): void {
    const resolve = this.#resolveIdle;
    this.#resolveIdle = null;
    resolve?.();
  }

  // Appends the DOM of newly committed blocks, adopting the tail's node when it shows the same token.
  #renderCommitted(started: number): boolean {
    this.#renderRevised();
    const committed = this.#md.committed;
    const nodes = this.#committedNodes;
    while (nodes.length < committed.length) {
      if (this.#charsLeft <= 0 || performance.now() - started > FRAME_BUDGET_MS) return false;
      const block = committed[nodes.length];
      if (!block) break;
      const reuse = this.#tail[0];
      let node: Node | null;
      if (reuse && reuse.raw === block.token.raw && block.labels.size === 0) {
        this.#tail.shift();
        node = reuse.node;
      } else {
        node = renderBlock(block.token, this.context);
        this.#charsLeft -= block.token.raw.length;
      }
      nodes.push(node);
      if (node) {
        const before = this.#firstTailNode();
        if (node.parentNode !== this.#root || node.nextSibling !== before) this.#root.insertBefore(node, before);
        this.#enhanceNode(node);
      }
    }
    return true;
  }

  #renderRevised(): void {
    for (const i of this.#md.takeRevised()) {
      const old = this.#committedNodes[i];
      const block = this.#md.committed[i];
      if (!old || !block) continue;
      const node = renderBlock(block.token, this.context);
      if (!node) continue;
      this.#root.replaceChild(node, old);
      this.#committedNodes[i] = node;
      this.#enhanceNode(node);
    }
  }

  #firstTailNode(): Node | null {
    for (const t of this.#tail) if (t.node?.parentNode === this.#root) return t.node;
    return null;
  }

  // Re-renders the tail, keeping the nodes of tail tokens that did not change.
  #renderTail(): void {
    // A deferred update leaves the tail tokens as they were: nothing to show anew.
    const tokens = this.#md.tail;
    if (tokens === this.#shownFrom && this.streaming === this.#shownStreaming) return;
    this.#shownFrom = tokens;
    this.#shownStreaming = this.streaming;
    const started = performance.now();
    this.#showTail();
    this.#pauseTail(started, false);
  }

  #showTail(): void {
    const old = this.#tail;
    const linksVersion = this.#md.linksVersion;
    const next: TailNode[] = this.#shownTail().map((token, i) => {
      const prev = old[i];
      if (prev && prev.raw === token.raw && (prev.linksVersion === linksVersion || !token.raw.includes('['))) {
        return prev;
      }
      const patched = prev && prev.linksVersion === linksVersion && patchTailNode(prev, token, this.context);
      return patched || { raw: token.raw, node: renderBlock(token, this.context), linksVersion, token };
    });
    const keep = new Set(next.map((t) => t.node));
    for (const t of old) if (t.node && !keep.has(t.node)) t.node.parentNode?.removeChild(t.node);
    // Tail nodes are the last children: place them back to front, moving only what is out of place.
    let ref: Node | null = null;
    for (let i = next.length - 1; i >= 0; i--) {
      const node = next[i]?.node;
      if (!node) continue;
      if (node.parentNode !== this.#root || node.nextSibling !== ref) this.#root.insertBefore(node, ref);
      ref = node;
    }
    this.#tail = next;
  }

  // While streaming, the last block shows with its open emphasis, code span or link completed. That costs
  // a second lex of the block, so a large block, or one whose lex proved slow, shows as it is.
  #shownTail(): Token[] {
    const tail = this.#md.tail;
    if (!this.streaming || this.#completionTooSlow) return tail;
    let i = tail.length - 1;
    while (i >= 0 && tail[i]?.type === 'space') i--;
    const last = tail[i];
    if (!last || !completable.has(last.type) || last.raw.length > COMPLETION_MAX_CHARS) return tail;
    const completed = completeOpenMarkdown(last.raw);
    if (completed === last.raw) return tail;
    const started = performance.now();
    const shown = this.#md.lexAside(completed).filter((t) => t.type !== 'space');
    // A small block is never really slow (a pause is noise); a large slow one stays slow.
    if (performance.now() - started > CHEAP_TAIL_MS && last.raw.length > CHEAP_TAIL_CHARS) {
      this.#completionTooSlow = true;
    }
    if (shown.length !== 1 || shown[0]?.type !== last.type) return tail;
    return [...tail.slice(0, i), shown[0], ...tail.slice(i + 1)];
  }
}

defineElement('cc-markdown', CcMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'cc-markdown': CcMarkdown;
  }
}
