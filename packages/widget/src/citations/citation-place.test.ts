import { describe, expect, it } from 'vitest';
import { defaultStrings } from '../strings.js';
import { citationPlace } from './citation-place.js';

const cite = (extra: object) => ({ index: 1, fileId: 'f', fileName: 'a.pdf', snippet: 'x', ...extra });

describe('citationPlace', () => {
  it('names the page, rows, lines and headings of the locator', () => {
    expect(citationPlace(cite({ locator: { page: 4, heading: ['Leave', 'Parental'] } }), defaultStrings)).toBe(
      'p. 4, Leave › Parental',
    );
    expect(citationPlace(cite({ locator: { rows: [12, 18] } }), defaultStrings)).toBe('rows 12–18');
    expect(citationPlace(cite({ locator: { rows: [7, 7] } }), defaultStrings)).toBe('row 7');
    expect(citationPlace(cite({ locator: { lines: [3, 9] } }), defaultStrings)).toBe('lines 3–9');
    expect(citationPlace(cite({ locator: { lines: [5, 5] } }), defaultStrings)).toBe('line 5');
  });

  it('falls back to the page and section of citations stored before locators, and says nothing without them', () => {
    expect(citationPlace(cite({ page: 2, section: 'Benefits' }), defaultStrings)).toBe('p. 2, Benefits');
    expect(citationPlace(cite({}), defaultStrings)).toBe('');
  });

  it('uses the overridden strings', () => {
    const s = { ...defaultStrings, page: 'S. {page}', rows: 'Zeilen {from}–{to}' };
    expect(citationPlace(cite({ locator: { page: 1, rows: [2, 3] } }), s)).toBe('S. 1, Zeilen 2–3');
  });
});
