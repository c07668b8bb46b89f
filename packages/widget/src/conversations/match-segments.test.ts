import { describe, expect, it } from 'vitest';
import { matchSegments } from './match-segments.js';

describe('matchSegments', () => {
  it('marks word prefixes, case-insensitively, as the server matches them', () => {
    expect(matchSegments('Quarterly review of the quarter', 'quart')).toEqual([
      { text: 'Quart', match: true },
      { text: 'erly review of the ', match: false },
      { text: 'quart', match: true },
      { text: 'er', match: false },
    ]);
  });

  it('does not mark matches inside a word', () => {
    expect(matchSegments('headquarters', 'quarter')).toEqual([{ text: 'headquarters', match: false }]);
  });

  it('marks every searched word, the longest where they overlap', () => {
    expect(matchSegments('Budget plan 2026', 'plan budg budget')).toEqual([
      { text: 'Budget', match: true },
      { text: ' ', match: false },
      { text: 'plan', match: true },
      { text: ' 2026', match: false },
    ]);
  });

  it('treats regular-expression characters and markup in the query as plain text', () => {
    expect(matchSegments('<b>a (draft)</b>', '(draft) <b>')).toEqual([
      { text: '<', match: false },
      { text: 'b', match: true },
      { text: '>a (', match: false },
      { text: 'draft', match: true },
      { text: ')</', match: false },
      { text: 'b', match: true },
      { text: '>', match: false },
    ]);
    expect(matchSegments('Title', '')).toEqual([{ text: 'Title', match: false }]);
    expect(matchSegments('Title', '.*')).toEqual([{ text: 'Title', match: false }]);
  });

  it('matches letters beyond ASCII', () => {
    expect(matchSegments('Übersicht Änderungen', 'änd')).toEqual([
      { text: 'Übersicht ', match: false },
      { text: 'Änd', match: true },
      { text: 'erungen', match: false },
    ]);
  });
});
