import Papa from 'papaparse';
import { recordText } from './html-to-blocks.js';
import { checkCount, unreadable } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

/**
 * Reads CSV (delimiter detected: comma, semicolon, tab...) with papaparse. Every data row becomes a
 * readable record `header: value; header: value` keeping its 1-based row number (header line excluded).
 */
export function parseCsv(text: string, maxRows: number): { blocks: DocumentBlock[]; rowCount: number } {
  // One row past the limit is parsed so an oversized file is reported instead of silently cut.
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', preview: maxRows + 2 });
  const rows = result.data.filter((r) => Array.isArray(r));
  if (rows.length === 0) throw unreadable('CSV');
  checkCount(rows.length - 1, maxRows, 'rows');
  const headers = rows[0]!.map((h, i) => h.trim() || `column ${i + 1}`);
  const blocks: DocumentBlock[] = [];
  rows.slice(1).forEach((cells, i) => {
    const text = recordText(headers, cells);
    if (text) blocks.push({ type: 'row', text, row: i + 1 });
  });
  if (rows.length === 1) blocks.push({ type: 'row', text: headers.join('; '), row: 1 });
  return { blocks, rowCount: rows.length - 1 };
}
