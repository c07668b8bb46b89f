import { Lexer, type Token, type Tokens } from 'marked';
import { recordText } from './html-to-blocks.js';
import { checkCount } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

const newlines = (s: string) => s.split('\n').length - 1;

/**
 * Reads Markdown (CommonMark with GFM tables) with marked's block lexer: headings (ATX and setext) with
 * their level, pipe tables as `header: value` rows, and every other block (paragraph, list, quote, code,
 * HTML) as a paragraph of its source text. Inline markup is kept: it reads fine as plain text, and
 * inline parsing is skipped (it is where deeply nested input costs time). Every block keeps its source
 * `lines`.
 */
export function parseMarkdown(text: string, maxRows: number): DocumentBlock[] {
  const lexer = new Lexer({ gfm: true });
  const tokens: Token[] = lexer.blockTokens(text.replace(/\r\n?/g, '\n'));
  const blocks: DocumentBlock[] = [];
  let line = 1; // the line the next token starts on
  let rows = 0;
  for (const token of tokens) {
    // A block's source without the blank lines that end it.
    const source = token.raw.replace(/\s+$/, '');
    const lines: [number, number] = [line, line + newlines(source)];
    line += newlines(token.raw);
    if (token.type === 'space' || token.type === 'hr' || token.type === 'def' || !source.trim()) continue;
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      if (heading.text.trim()) blocks.push({ type: 'heading', text: heading.text.trim(), level: heading.depth, lines });
    } else if (token.type === 'table') {
      const table = token as Tokens.Table;
      const headers = table.header.map((cell) => cell.text);
      // The header line and the delimiter row come first, one line each; then a row a line.
      table.rows.forEach((cells, i) => {
        checkCount(++rows, maxRows, 'table rows');
        const at = lines[0] + 2 + i;
        const text = recordText(
          headers,
          cells.map((cell) => cell.text),
        );
        if (text) blocks.push({ type: 'row', text, row: i + 1, lines: [at, at] });
      });
    } else {
      blocks.push({ type: 'paragraph', text: source.trim(), lines });
    }
  }
  return blocks;
}

/** Plain text (and code): paragraphs separated by blank lines, each with its source `lines`. */
export function parsePlainText(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];
  let first = 0;
  const flush = () => {
    const joined = paragraph.join('\n').trim();
    if (joined) blocks.push({ type: 'paragraph', text: joined, lines: [first + 1, first + paragraph.length] });
    paragraph = [];
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') flush();
    else {
      if (paragraph.length === 0) first = i;
      paragraph.push(line);
    }
  });
  flush();
  return blocks;
}
