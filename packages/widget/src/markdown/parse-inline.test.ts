import { describe, expect, it } from 'vitest';
import { parseInline } from './parse-inline.js';

describe('parseInline', () => {
  it('parses emphasis, strong, strikethrough and code spans', () => {
    expect(parseInline('a **b** *c* ~~d~~ `e*f*`')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'c' }] },
      { type: 'text', text: ' ' },
      { type: 'del', children: [{ type: 'text', text: 'd' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'e*f*' },
    ]);
  });

  it('leaves snake_case, lone stars and escaped characters alone', () => {
    expect(parseInline('snake_case_name 2 * 3 \\*x\\*')).toEqual([{ type: 'text', text: 'snake_case_name 2 * 3 *x*' }]);
  });

  it('parses links, images, autolinks and bare URLs (raw, not yet checked)', () => {
    expect(
      parseInline(
        '[docs](https://a.example/x_(y) "t") ![alt *x*](https://img.example/p.png) <mailto:a@b.c> see https://b.example/p.',
      ),
    ).toEqual([
      { type: 'link', href: 'https://a.example/x_(y)', children: [{ type: 'text', text: 'docs' }] },
      { type: 'text', text: ' ' },
      { type: 'image', src: 'https://img.example/p.png', alt: 'alt x' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'mailto:a@b.c', children: [{ type: 'text', text: 'mailto:a@b.c' }] },
      { type: 'text', text: ' see ' },
      { type: 'link', href: 'https://b.example/p', children: [{ type: 'text', text: 'https://b.example/p' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('keeps HTML as text and parses hard breaks', () => {
    expect(parseInline('<b onclick="x">hi</b>  \nnext')).toEqual([
      { type: 'text', text: '<b onclick="x">hi</b>' },
      { type: 'br' },
      { type: 'text', text: 'next' },
    ]);
  });

  it('treats an unfinished link as text while it streams', () => {
    expect(parseInline('see [the docs](docs/pa')).toEqual([{ type: 'text', text: 'see [the docs](docs/pa' }]);
    expect(parseInline('**bold but not yet clos')).toEqual([{ type: 'text', text: '**bold but not yet clos' }]);
  });
});
