import { Lexer, type Links, type MarkedOptions, type Token, Tokenizer, type Tokens } from 'marked';
import { mathExtensions } from './math-extension.js';

/**
 * How deep block quotes and lists may nest. Deeper markers stay text: without a bound, every level
 * re-lexes its content (work grows with depth × length) and thousands of `>` overflow the stack.
 */
export const MAX_NESTING = 16;

/**
 * How deep emphasis and strikethrough may nest. Deeper delimiters stay text: marked lexes each level's
 * content recursively, so 2,000 nested `*a **b` overflow the stack.
 */
export const MAX_INLINE_NESTING = 32;

// Nesting is counted on the tokenizer, which marked calls recursively for the content of each container
// and of each emphasis and strikethrough.
class BoundedTokenizer extends Tokenizer {
  override blockquote(src: string): Tokens.Blockquote | undefined {
    return this.#nested(() => super.blockquote(src));
  }

  override list(src: string): Tokens.List | undefined {
    return this.#nested(() => super.list(src));
  }

  override emStrong(src: string, maskedSrc: string, prevChar?: string): Tokens.Em | Tokens.Strong | undefined {
    return this.#nested(() => super.emStrong(src, maskedSrc, prevChar), 1);
  }

  override del(src: string, maskedSrc: string, prevChar?: string): Tokens.Del | undefined {
    return this.#nested(() => super.del(src, maskedSrc, prevChar), 1);
  }

  // Depth of block containers [0] and of inline emphasis and strikethrough [1].
  #depths = [0, 0];

  #nested<T>(lex: () => T, inline = 0): T | undefined {
    const depths = this.#depths;
    if (depths[inline]! >= (inline ? MAX_INLINE_NESTING : MAX_NESTING)) return undefined;
    depths[inline]!++;
    try {
      return lex();
    } finally {
      depths[inline]!--;
    }
  }
}

const baseOptions: MarkedOptions = { gfm: true, breaks: false, pedantic: false, silent: true };
const mathOptions = (() => {
  const extensions: NonNullable<MarkedOptions['extensions']> = {
    renderers: {},
    childTokens: {},
    block: [],
    inline: [],
    startBlock: [],
    startInline: [],
  };
  for (const ext of mathExtensions) {
    if (!('tokenizer' in ext) || !ext.tokenizer || !('level' in ext)) continue;
    const level = ext.level === 'block' ? 'block' : 'inline';
    extensions[level]?.push(ext.tokenizer);
    if (ext.start) (level === 'block' ? extensions.startBlock : extensions.startInline)?.push(ext.start);
  }
  return extensions;
})();

/**
 * Inline tokens by source text, across the lexes of a growing block: a long list or table re-lexed on
 * every token then inline-lexes only its changed last item or row. Lookups read the previous lex's
 * entries; what the current lex uses is kept for the next one.
 */
export class InlineMemo {
  #previous = new Map<string, Token[]>();
  #current = new Map<string, Token[]>();

  /** The inline tokens lexed for `src` in the previous or current lex, if any. */
  get(src: string): Token[] | undefined {
    return this.#current.get(src) ?? this.#previous.get(src);
  }

  /** Records the inline tokens of `src` for the next lex. */
  set(src: string, tokens: Token[]): void {
    this.#current.set(src, tokens);
  }

  /** Ends a lex: entries it did not use are dropped. */
  rotate(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }

  /** Drops everything (link definitions changed, so cached references may resolve differently). */
  clear(): void {
    this.#previous.clear();
    this.#current.clear();
  }
}

/**
 * Lexes markdown into marked tokens (CommonMark + GFM, optionally math), starting from the link
 * reference definitions already known from earlier parts of the answer.
 */
export function lexMarkdown(src: string, links: Links, math: boolean, memo?: InlineMemo): Token[] {
  const lexer = new Lexer({
    ...baseOptions,
    tokenizer: new BoundedTokenizer(),
    extensions: math ? mathOptions : null,
  });
  Object.assign(lexer.tokens.links, links);
  // What `lexer.lex` does, with the inline pass going through the memo.
  const tokens = lexer.blockTokens(src.replace(/\r\n?/g, '\n'), lexer.tokens);
  for (const item of lexer.inlineQueue) {
    const cached = memo?.get(item.src);
    if (cached) item.tokens.push(...cached);
    else lexer.inlineTokens(item.src, item.tokens);
    memo?.set(item.src, item.tokens);
  }
  lexer.inlineQueue = [];
  memo?.rotate();
  return tokens;
}

/**
 * Lexes small samples of the common constructs, one per `idle` callback, so the first answer does not
 * pay for compiling the lexer's code and expressions (a long task on a slow device).
 */
export function prepareMarkdown(idle: (run: () => void) => unknown): void {
  for (const sample of [
    '# a\n\n> b\n\n---\n',
    '- *c* **d** [e](http://f) `g` $h$\n  1. i\n',
    '| k |\n|-|\n| ~~l~~ |\n\n```\nm\n```',
  ])
    idle(() => lexMarkdown(sample, {}, true));
}

/** The link reference definitions a token list defines (first definition wins, as in CommonMark). */
export function linksOf(tokens: Token[]): Links {
  return (tokens as Token[] & { links?: Links }).links ?? {};
}
