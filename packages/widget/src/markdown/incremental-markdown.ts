import type { Links, Token } from 'marked';
import { InlineMemo, lexMarkdown, linksOf } from './markdown-lexer.js';

/** A finished top-level block: its tokens never change, except when a link definition it uses appears. */
export interface CommittedBlock {
  token: Token;
  /** The reference labels the block's text could use, with what each resolved to when it was lexed. */
  labels: Map<string, string | undefined>;
}

/**
 * While the tail's last lex cost more than this many characters, the tail is re-lexed only once the text
 * appended since then amounts to 1/TAIL_RATIO of that cost: a huge open block (one long list or table)
 * then costs a constant amount of lexing per appended character instead of its whole length per token.
 */
const SMALL_TAIL_WORK = 2048;
const TAIL_RATIO = 8;

const label = (raw: string) => raw.toLowerCase().replace(/\s+/g, ' ').trim();
const bracketed = /\[((?:\\[\s\S]|[^[\]\\]){1,999})\]/g;

// The characters marked lexes for these tokens: a container's content is lexed again at every level.
function workOf(tokens: readonly Token[]): number {
  let work = 0;
  for (const t of tokens) {
    work += t.raw.length;
    if (t.type === 'list') work += workOf(t.items);
    else if (t.type === 'blockquote') work += workOf(t.tokens ?? []);
  }
  return work;
}

/**
 * Lexes a growing markdown text so that an update costs only the unfinished tail: the last top-level
 * block, together with a whole open list. Everything before it is committed once and never lexed again
 * (a block is closed for good once a later block starts on a line that is complete and followed by
 * another complete line). Fed the same text in any chunks, it ends with the tokens of a one-shot lex.
 */
export class IncrementalMarkdown {
  /** Finished blocks, append-only (an entry is replaced only when a link definition it uses appears). */
  readonly committed: CommittedBlock[] = [];
  /** Tokens of the unfinished tail; `staleTail` says whether they lag behind the text. */
  tail: Token[] = [];
  /** True when text was appended that the tail tokens do not include yet (see `flush`). */
  staleTail = false;
  /** Increments when the text is replaced instead of appended to (renderers start over). */
  generation = 0;
  /** Increments whenever a link definition appears or changes (rendered references may be out of date). */
  linksVersion = 0;
  /** Characters lexed so far, nested levels counted again: the work bound the tests check. */
  work = 0;
  readonly #math: boolean;
  #raw = '';
  #src = '';
  #pendingCr = false;
  #tailStart = 0;
  #lastTailWork = 0;
  #appendedSinceLex = 0;
  #links: Links = {};
  #tailLinks: Links = {};
  #labelIndex = new Map<string, number[]>();
  #revised: number[] = [];
  readonly #memo = new InlineMemo();
  #relinkedAt = 0;

  /** @param math whether `$…$`, `$$…$$`, `\(…\)` and `\[…\]` are math. */
  constructor(math = true) {
    this.#math = math;
  }

  /**
   * Updates to the full text so far. Appends are incremental; any other change starts over. Only the
   * appended part is examined: committed text never changes while an answer streams. With `deferTail`
   * (a renderer that is out of time for this frame) the text is only recorded, as when the tail is stale.
   */
  update(full: string, deferTail = false): void {
    if (full === this.#raw) return;
    if (!this.#extends(full)) this.reset();
    let text = (this.#pendingCr ? '\r' : '') + full.slice(this.#raw.length);
    this.#raw = full;
    // A `\r` at the end may be the first half of `\r\n`: it is held back until the next character.
    this.#pendingCr = text.endsWith('\r');
    if (this.#pendingCr) text = text.slice(0, -1);
    text = text.replace(/\r\n?/g, '\n');
    if (!text) return;
    this.#src += text;
    this.#appendedSinceLex += text.length;
    const behind = this.#appendedSinceLex * TAIL_RATIO < this.#lastTailWork;
    if (deferTail || (this.#lastTailWork > SMALL_TAIL_WORK && behind)) {
      this.staleTail = true;
      return;
    }
    this.#lexTail();
  }

  /**
   * Brings everything up to date with the text: a stale tail is lexed, and committed blocks pick up link
   * definitions that so far only the tail holds. After `flush` the tokens equal a one-shot lex.
   */
  flush(): void {
    if (this.#pendingCr) {
      this.#pendingCr = false;
      this.#src += '\n';
      this.staleTail = true;
    }
    if (this.staleTail) this.#lexTail();
    if (this.#relinkedAt !== this.linksVersion) this.#relink();
    this.#relinkedAt = this.linksVersion;
  }

  /** Characters the last lex of the tail covered, nested levels counted again. */
  get tailWork(): number {
    return this.#lastTailWork;
  }

  /** Lexes other text (a display variant of the tail) with the same options and link definitions. */
  lexAside(src: string): Token[] {
    return lexMarkdown(src, { ...this.#tailLinks, ...this.#links }, this.#math);
  }

  /** Indexes of committed blocks replaced since the last call (their rendering is out of date). */
  takeRevised(): number[] {
    const revised = this.#revised;
    this.#revised = [];
    return revised;
  }

  /** Forgets everything (the text was replaced, not appended to). */
  reset(): void {
    this.committed.length = 0;
    this.tail = [];
    this.staleTail = false;
    this.generation++;
    this.#raw = '';
    this.#src = '';
    this.#pendingCr = false;
    this.#tailStart = 0;
    this.#lastTailWork = 0;
    this.#appendedSinceLex = 0;
    this.#links = {};
    this.#tailLinks = {};
    this.#labelIndex.clear();
    this.#revised = [];
    this.#memo.clear();
  }

  // An answer only grows while it streams (a regenerated or edited one arrives as new text), so comparing
  // the last characters tells an append from a replacement without an O(length) comparison per token.
  #extends(full: string): boolean {
    const raw = this.#raw;
    const from = Math.max(0, raw.length - 256);
    return full.length > raw.length && full.startsWith(raw.slice(from), from);
  }

  #lexTail(): void {
    this.staleTail = false;
    this.#appendedSinceLex = 0;
    const src = this.#src.slice(this.#tailStart);
    let tokens = lexMarkdown(src, this.#links, this.#math, this.#memo);
    const tailLinks = linksOf(tokens);
    if (JSON.stringify(tailLinks) !== JSON.stringify(this.#tailLinks)) {
      // The memo's inline tokens were lexed without these definitions: lex again without it.
      this.#linksChanged();
      this.work += workOf(tokens);
      tokens = lexMarkdown(src, this.#links, this.#math, this.#memo);
    }
    this.#tailLinks = tailLinks;
    const work = workOf(tokens);
    this.work += work;
    this.#lastTailWork = work;
    // A block is closed once a later block starts on a complete line followed by another complete line
    // (a table's header row is only one once the delimiter row below it is complete).
    const last = src.lastIndexOf('\n');
    const secondLast = last < 0 ? -1 : src.lastIndexOf('\n', last - 1);
    let cut = 0;
    let cutOffset = 0;
    let offset = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (i > 0 && t.type !== 'space' && offset <= secondLast) {
        cut = i;
        cutOffset = offset;
      }
      offset += t.raw.length;
    }
    for (const t of tokens.slice(0, cut)) this.#commit(t);
    this.#tailStart += cutOffset;
    this.tail = tokens.slice(cut);
    if (cut > 0) this.#lastTailWork = workOf(this.tail);
  }

  #commit(token: Token): void {
    if (token.type === 'space') return;
    if (token.type === 'def') {
      const tag = label(token.tag);
      if (!this.#links[tag]) {
        this.#links[tag] = { href: token.href, title: token.title };
        this.#linksChanged();
        this.#relink(tag);
      }
      return;
    }
    const index = this.committed.length;
    this.committed.push({ token, labels: this.#labelsOf(token) });
    for (const name of this.committed[index]?.labels.keys() ?? []) {
      const list = this.#labelIndex.get(name);
      if (list) list.push(index);
      else this.#labelIndex.set(name, [index]);
    }
  }

  #linksChanged(): void {
    this.linksVersion++;
    this.#memo.clear();
  }

  #effectiveHref(name: string): string | undefined {
    return (this.#links[name] ?? this.#tailLinks[name])?.href;
  }

  #labelsOf(token: Token): Map<string, string | undefined> {
    const labels = new Map<string, string | undefined>();
    if (token.type === 'code' || token.type === 'hr' || token.type === 'html') return labels;
    for (const m of token.raw.matchAll(bracketed)) {
      const name = label(m[1] ?? '');
      if (name) labels.set(name, this.#effectiveHref(name));
    }
    return labels;
  }

  // Re-lexes the committed blocks whose reference labels now resolve differently (a definition may come
  // after its use). Each block is checked only for the labels it contains.
  #relink(only?: string): void {
    const changed = new Set<number>();
    const entries = only === undefined ? this.#labelIndex : [[only, this.#labelIndex.get(only) ?? []] as const];
    for (const [name, indexes] of entries) {
      const href = this.#effectiveHref(name);
      for (const i of indexes) if (this.committed[i]?.labels.get(name) !== href) changed.add(i);
    }
    for (const i of changed) {
      const block = this.committed[i] as CommittedBlock;
      const links = { ...this.#tailLinks, ...this.#links };
      const token = lexMarkdown(block.token.raw, links, this.#math).find((t) => t.type !== 'space');
      if (!token) continue;
      this.committed[i] = { token, labels: this.#labelsOf(token) };
      this.#revised.push(i);
    }
  }
}
