import { describe, expect, it } from 'vitest';
import { parseBlocks } from './parse-blocks.js';

describe('parseBlocks', () => {
  it('parses headings, paragraphs, rules and blockquotes', () => {
    expect(parseBlocks('# Title\nSome *text*\nmore\n\n---\n> quoted\n> still')).toEqual([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Some *text*\nmore' },
      { type: 'hr' },
      { type: 'blockquote', blocks: [{ type: 'paragraph', text: 'quoted\nstill' }] },
    ]);
  });

  it('parses setext headings', () => {
    expect(parseBlocks('Big\n===\nSmall\n---')).toEqual([
      { type: 'heading', level: 1, text: 'Big' },
      { type: 'heading', level: 2, text: 'Small' },
    ]);
  });

  it('parses fenced code with its language, keeping blank lines and markdown inside as text', () => {
    expect(parseBlocks('```ts\nconst a = 1;\n\n# not a heading\n```\nafter')).toEqual([
      { type: 'code', lang: 'ts', text: 'const a = 1;\n\n# not a heading', closed: true },
      { type: 'paragraph', text: 'after' },
    ]);
    expect(parseBlocks('~~~\nopen')).toEqual([{ type: 'code', lang: '', text: 'open', closed: false }]);
  });

  it('parses nested and ordered lists', () => {
    const [list] = parseBlocks('3. one\n4. two\n   - inner a\n   - inner b\n5. three');
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 3 });
    if (list?.type !== 'list') throw new Error('not a list');
    expect(list.items).toHaveLength(3);
    expect(list.items[1]).toEqual([
      { type: 'paragraph', text: 'two' },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[{ type: 'paragraph', text: 'inner a' }], [{ type: 'paragraph', text: 'inner b' }]],
      },
    ]);
  });

  it('keeps code fences inside list items', () => {
    const [list] = parseBlocks('- step\n  ```sh\n  npm i\n  ```\n- next');
    expect(list).toMatchObject({
      type: 'list',
      items: [
        [
          { type: 'paragraph', text: 'step' },
          { type: 'code', lang: 'sh', text: 'npm i', closed: true },
        ],
        [{ type: 'paragraph', text: 'next' }],
      ],
    });
  });

  it('parses GFM tables with alignment and escaped pipes', () => {
    expect(parseBlocks('| a | b | c |\n|:--|:-:|--:|\n| 1 | x \\| y | 3 |\n\nnext')).toEqual([
      {
        type: 'table',
        align: ['left', 'center', 'right'],
        header: ['a', 'b', 'c'],
        rows: [['1', 'x | y', '3']],
      },
      { type: 'paragraph', text: 'next' },
    ]);
  });

  it('keeps raw HTML as paragraph text', () => {
    expect(parseBlocks('<script>alert(1)</script>\n<img src=x onerror=alert(1)>')).toEqual([
      { type: 'paragraph', text: '<script>alert(1)</script>\n<img src=x onerror=alert(1)>' },
    ]);
  });
});
