import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse-markdown.js';

describe('parseMarkdown', () => {
  it('reads setext headings, lists, quotes and fenced code as blocks with their source lines', () => {
    const text = [
      'Leave policy', // 1
      '============', // 2
      '', // 3
      '- Annual leave: 30 days', // 4
      '- Sick leave: see HR', // 5
      '', // 6
      '> Ask your manager first.', // 7
      '', // 8
      '```sh', // 9
      'book-leave --days 3', // 10
      '', // 11
      'echo done', // 12
      '```', // 13
      '', // 14
      'Carry-over', // 15
      '----------', // 16
    ].join('\r\n');
    expect(parseMarkdown(text, 100)).toEqual([
      { type: 'heading', text: 'Leave policy', level: 1, lines: [1, 2] },
      { type: 'paragraph', text: '- Annual leave: 30 days\n- Sick leave: see HR', lines: [4, 5] },
      { type: 'paragraph', text: '> Ask your manager first.', lines: [7, 7] },
      { type: 'paragraph', text: '```sh\nbook-leave --days 3\n\necho done\n```', lines: [9, 13] },
      { type: 'heading', text: 'Carry-over', level: 2, lines: [15, 16] },
    ]);
  });

  it('turns table rows into records on their own lines, within the row limit', () => {
    const text = 'Intro\n\n| Day | Room |\n|---|:--:|\n| Mon | 2.01 |\n| Tue |  |\n| Wed | 3.10 |\n';
    expect(parseMarkdown(text, 100)).toEqual([
      { type: 'paragraph', text: 'Intro', lines: [1, 1] },
      { type: 'row', text: 'Day: Mon; Room: 2.01', row: 1, lines: [5, 5] },
      { type: 'row', text: 'Day: Tue', row: 2, lines: [6, 6] },
      { type: 'row', text: 'Day: Wed; Room: 3.10', row: 3, lines: [7, 7] },
    ]);
    expect(() => parseMarkdown(text, 2)).toThrow(/table rows/);
  });

  it('keeps an unclosed fence to the end and skips rules and link definitions', () => {
    const text = 'Before\n\n---\n\n[hr]: https://intranet.example/hr\n\n```\nstill code\n';
    expect(parseMarkdown(text, 100)).toEqual([
      { type: 'paragraph', text: 'Before', lines: [1, 1] },
      { type: 'paragraph', text: '```\nstill code', lines: [7, 8] },
    ]);
  });

  it('reads deeply nested inline markup as text, without parsing it', () => {
    const text = `${'*a '.repeat(5000)}end`;
    const [block] = parseMarkdown(text, 100);
    expect(block?.text).toBe(text);
  });
});
