import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown } from './incremental-markdown.js';
import { parseBlocks } from './parse-blocks.js';

const sample = [
  '# Plan',
  '',
  'Intro paragraph with **bold** and `code`.',
  '',
  '```ts',
  'const x = 1;',
  '',
  'console.log(x);',
  '```',
  'Text right after the fence.',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '- one',
  '- two',
  '',
  '> quote',
  '',
  'Last paragraph',
].join('\n');

describe('IncrementalMarkdown', () => {
  it('fed 4 characters at a time, ends with the same blocks as a full parse', () => {
    const md = new IncrementalMarkdown();
    for (let i = 4; i < sample.length + 4; i += 4) md.update(sample.slice(0, i));
    expect([...md.committed, ...md.tail]).toEqual(parseBlocks(sample));
  });

  it('commits finished blocks once and re-parses only the tail', () => {
    const md = new IncrementalMarkdown();
    md.update('First para.\n\nSecond');
    expect(md.committed).toEqual([{ type: 'paragraph', text: 'First para.' }]);
    expect(md.tail).toEqual([{ type: 'paragraph', text: 'Second' }]);
    const first = md.committed[0];
    const version = md.version;
    md.update('First para.\n\nSecond para');
    expect(md.committed[0]).toBe(first);
    expect(md.version).toBe(version);
  });

  it('does not cut inside a fence at a blank line', () => {
    const md = new IncrementalMarkdown();
    md.update('```py\na = 1\n\nb = 2\n');
    expect(md.committed).toEqual([]);
    expect(md.tail).toEqual([{ type: 'code', lang: 'py', text: 'a = 1\n\nb = 2\n', closed: false }]);
    md.update('```py\na = 1\n\nb = 2\n```\n');
    expect(md.committed).toEqual([{ type: 'code', lang: 'py', text: 'a = 1\n\nb = 2', closed: true }]);
  });

  it('starts over when the text is replaced rather than extended', () => {
    const md = new IncrementalMarkdown();
    md.update('a\n\nb');
    md.update('x');
    expect(md.committed).toEqual([]);
    expect(md.tail).toEqual([{ type: 'paragraph', text: 'x' }]);
  });
});
