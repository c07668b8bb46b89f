import type { TokenizerAndRendererExtension, Tokens } from 'marked';

/** A math token: TeX source and whether it is displayed on its own line. */
export interface MathToken extends Tokens.Generic {
  type: 'math';
  tex: string;
  display: boolean;
}

// Inline `$…$` follows the usual rules that keep prices like `$5 and $10` text: no space after the opening
// `$`, none before the closing one, and the closing `$` not followed by a digit.
// Inline math is at most 2,000 characters: each opening `$` or `\(` scans ahead for its end, and a bound
// keeps an answer full of unmatched openers linear.
const inlineDollar = /^\$(?![\s$])((?:\\[\s\S]|[^\\$\n]){1,2000}?)(?<!\s)\$(?!\d)/;
const inlineDisplayDollar = /^\$\$(?!\$)((?:\\[\s\S]|[^\\$]){1,2000}?)\$\$/;
const inlineParen = /^\\\(([\s\S]{1,2000}?)\\\)/;
const inlineBracket = /^\\\[([\s\S]{1,2000}?)\\\]/;
// A display block runs to its closing line; unclosed (still streaming) it runs to the end, like a fence.
const blockDollar =
  /^ {0,3}\$\$([^\n]*?)\$\$[ \t]*(?:\n|$)|^ {0,3}\$\$[ \t]*\n([\s\S]*?)(?:\n {0,3}\$\$[ \t]*(?:\n|$)|$)/;
const blockBracket = /^ {0,3}\\\[[ \t]*\n([\s\S]*?)\n {0,3}\\\][ \t]*(?:\n|$)/;

function mathToken(raw: string, tex: string, display: boolean): MathToken | undefined {
  // `\[\\\]` is escaped brackets around an escaped backslash, not math: TeX has more than backslashes.
  if (/^[\\\s]*$/.test(tex)) return undefined;
  return { type: 'math', raw, tex: tex.trim(), display };
}

/** The marked extensions that turn `$…$`, `$$…$$`, `\(…\)` and `\[…\]` into math tokens. */
export const mathExtensions: TokenizerAndRendererExtension[] = [
  {
    name: 'math',
    level: 'block',
    // Marked asks where the next block may start so a paragraph can end there: only at a line start.
    start(src: string) {
      const m = /\n {0,3}(?:\$\$|\\\[)/.exec(src);
      return m ? m.index + 1 : undefined;
    },
    tokenizer(src: string) {
      const d = blockDollar.exec(src);
      if (d) return mathToken(d[0], d[1] ?? d[2] ?? '', true);
      const b = blockBracket.exec(src);
      return b ? mathToken(b[0], b[1] ?? '', true) : undefined;
    },
  },
  {
    name: 'math',
    level: 'inline',
    // A backslash stops the text run too, so `\$` still reaches marked's own escape rule.
    start(src: string) {
      const i = src.search(/[$\\]/);
      return i < 0 ? undefined : i;
    },
    tokenizer(src: string) {
      const rules = [inlineDisplayDollar, inlineDollar, inlineParen, inlineBracket] as const;
      for (const rule of rules) {
        const m = rule.exec(src);
        const token = m && mathToken(m[0], m[1] ?? '', rule === inlineDisplayDollar || rule === inlineBracket);
        if (token) return token;
      }
      return undefined;
    },
  },
];
