import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown } from './incremental-markdown.js';
import { lexMarkdown, MAX_NESTING } from './markdown-lexer.js';

const require = createRequire(import.meta.url);
const spec: { markdown: string; number: number }[] = require('commonmark-spec').tests;
const chat: { name: string; markdown: string }[] = JSON.parse(
  readFileSync(new URL('../../test/browser/fixtures/chat-answers.json', import.meta.url), 'utf8'),
);

// Seeded 1–4 character chunks (mulberry32), so every run feeds the same pieces.
function chunks(text: string, seed: number): string[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(next() * 4);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

function stream(text: string, pieces: string[], math = true): IncrementalMarkdown {
  const md = new IncrementalMarkdown(math);
  let sofar = '';
  for (const piece of pieces) {
    sofar += piece;
    md.update(sofar);
  }
  expect(sofar).toBe(text);
  md.flush();
  return md;
}

const visible = (tokens: Token[]) => tokens.filter((t) => t.type !== 'space' && t.type !== 'def');
const streamedTokens = (md: IncrementalMarkdown) => visible([...md.committed.map((b) => b.token), ...md.tail]);
const oneShot = (text: string) => visible(lexMarkdown(text, {}, true));

describe('IncrementalMarkdown', () => {
  it('fed every CommonMark example and chat answer in 1–4 character chunks, ends with the one-shot tokens', () => {
    const inputs = [...spec.map((e) => e.markdown), ...chat.map((c) => c.markdown)];
    inputs.forEach((text, i) => {
      const md = stream(text, chunks(text, i + 1));
      expect(JSON.stringify(streamedTokens(md)), text).toBe(JSON.stringify(oneShot(text)));
    });
  });

  it('commits finished blocks and keeps a whole open list, with its nested list and code, in the tail', () => {
    const howTo = chat[0]?.markdown ?? '';
    const md = new IncrementalMarkdown();
    md.update(howTo.slice(0, howTo.indexOf('3.')));
    expect(md.committed.map((b) => b.token.type)).toEqual(['paragraph']);
    expect(md.tail.map((t) => t.type)).toEqual(['list']);
    md.update(howTo);
    md.flush();
    const list = streamedTokens(md)[1] as Token & { items: { tokens: Token[] }[] };
    expect(list.type).toBe('list');
    expect(list.items).toHaveLength(3);
    expect(list.items[0]?.tokens.map((t) => t.type)).toContain('code');
    expect(list.items[1]?.tokens.map((t) => t.type)).toContain('list');
  });

  it('a \\r\\n split across chunks is one line break', () => {
    const md = stream('a\r\nb\r\n\r\nc', ['a\r', '\nb\r', '\n\r', '\nc']);
    expect(JSON.stringify(streamedTokens(md))).toBe(JSON.stringify(oneShot('a\nb\n\nc')));
  });

  it('a definition after its use links the earlier, already committed paragraph', () => {
    const text = 'See [the docs].\n\nMore text.\n\nEven more.\n\n[the docs]: https://example.com/docs\n';
    const md = stream(text, chunks(text, 7));
    const first = md.committed[0]?.token as Token & { tokens: Token[] };
    expect(first.tokens.some((t) => t.type === 'link')).toBe(true);
    expect(md.takeRevised()).toContain(0);
  });

  it('starts over when the text is replaced instead of appended to', () => {
    const md = new IncrementalMarkdown();
    md.update('# One\n\nfirst answer\n\n');
    md.update('Second answer');
    md.flush();
    expect(streamedTokens(md).map((t) => t.raw)).toEqual(['Second answer']);
  });

  it('with math off, dollars and \\( stay text', () => {
    const md = stream('$x$ and \\(y\\)', ['$x$ and \\(y\\)'], false);
    expect(JSON.stringify(md.tail)).not.toContain('"math"');
  });

  it('bounds nesting: deeper quotes and lists stay text instead of overflowing the stack', () => {
    const depth = (tokens: Token[]): number =>
      Math.max(
        0,
        ...tokens.map((t) => {
          if (t.type === 'blockquote') return 1 + depth(t.tokens ?? []);
          if (t.type === 'list')
            return 1 + Math.max(0, ...t.items.map((item: { tokens: Token[] }) => depth(item.tokens)));
          return 0;
        }),
      );
    expect(depth(lexMarkdown(`${'>'.repeat(5000)} x`, {}, true))).toBe(MAX_NESTING);
    expect(depth(lexMarkdown(`${'- '.repeat(5000)}x`, {}, true))).toBe(MAX_NESTING);
  });

  // Work is the number of characters lexed (each nesting level counted again), not time: streamed
  // 3 characters at a time, it must grow linearly with the input, however hostile the input.
  const bombs: Record<string, (n: number) => string> = {
    asterisks: (n) => '*'.repeat(n),
    'intraword emphasis': (n) => 'a*'.repeat(n / 2),
    'open brackets': (n) => '['.repeat(n),
    'links without end': (n) => '[a]('.repeat(n / 4),
    'deep quotes': (n) => Array.from({ length: n / 26 }, (_, i) => `${'>'.repeat(i % 24)} x`).join('\n'),
    'deep lists': (n) => Array.from({ length: n / 40 }, (_, i) => `${' '.repeat(2 * (i % 32))}- x`).join('\n'),
    'long table': (n) => `| a | b | c |\n|---|---|---|\n${'| 1 | **b** | c |\n'.repeat(n / 18)}`,
    'one long paragraph': (n) => 'word '.repeat(n / 5),
  };
  for (const [name, make] of Object.entries(bombs)) {
    it(`streamed 3 characters at a time, lexing work grows linearly: ${name}`, () => {
      const work = (text: string) => {
        const md = new IncrementalMarkdown();
        for (let i = 3; i < text.length + 3; i += 3) md.update(text.slice(0, i));
        md.flush();
        return md.work;
      };
      const small = make(3_000);
      const large = make(6_000);
      const [a, b] = [work(small), work(large)];
      expect(b / a, `work ratio for twice the input: ${(b / a).toFixed(2)}`).toBeLessThan(2.5);
      expect(b / large.length, `work per character: ${(b / large.length).toFixed(0)}`).toBeLessThan(200);
    });
  }
});
