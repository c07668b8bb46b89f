import Papa from 'papaparse';
import { recordText } from './html-to-blocks.js';
import { checkCount, unreadable } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

/**
 * Reads CSV (delimiter detected: comma, semicolon, tab...) with papaparse, one row at a time so no
 * table of cells is ever held: every data row becomes a readable record `header: value; header: value`
 * keeping its 1-based row number (header line excluded). `maxChars` bounds the records' text as they
 * are made, so an oversized table is refused before it is all read.
 */
export function parseCsv(
  text: string,
  limits: { maxRows: number; maxChars: number },
): { blocks: DocumentBlock[]; rowCount: number } {
  const blocks: DocumentBlock[] = [];
  let headers: string[] | undefined;
  let rowCount = 0;
  let chars = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: ({ data: cells }) => {
      if (!Array.isArray(cells)) return;
      if (!headers) {
        headers = cells.map((h, i) => h.trim() || `column ${i + 1}`);
        return;
      }
      checkCount(++rowCount, limits.maxRows, 'rows');
      const record = recordText(headers, cells);
      if (!record) return;
      chars += record.length + 1;
      checkCount(chars, limits.maxChars, 'characters of text');
      blocks.push({ type: 'row', text: record, row: rowCount });
    },
  });
  if (!headers) throw unreadable('CSV');
  if (rowCount === 0) blocks.push({ type: 'row', text: headers.join('; '), row: 1 });
  return { blocks, rowCount };
}
