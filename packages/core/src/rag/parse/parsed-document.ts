/** The file types the knowledge base reads, detected from the content (the file name is only a hint). */
export type DocumentKind = 'pdf' | 'docx' | 'csv' | 'json' | 'markdown' | 'html' | 'text';

/** Media type stored for each {@link DocumentKind}. */
export const mediaTypeOfKind: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  json: 'application/json',
  markdown: 'text/markdown',
  html: 'text/html',
  text: 'text/plain',
};

/**
 * One structural unit of a document: a heading (with its level), a paragraph, a table or CSV row
 * rendered as `header: value; header: value`, or a `line` (JSON leaves). Chunking never splits a
 * row or a short paragraph and starts a new chunk at every heading and page.
 */
export interface DocumentBlock {
  type: 'heading' | 'paragraph' | 'row' | 'line';
  text: string;
  /** Heading level, 1 = top. */
  level?: number;
  /** 1-based PDF page. */
  page?: number;
  /** 1-based data row (CSV rows after the header line; table rows after the header row). */
  row?: number;
  /**
   * 1-based first and last source line (text, Markdown and code), when the format has lines. The
   * block's text keeps the source's line breaks, so a part of it starts at `lines[0]` plus the line
   * breaks before that part.
   */
  lines?: [from: number, to: number];
}

/** A parsed file: its detected kind and its text as ordered blocks. */
export interface ParsedDocument {
  kind: DocumentKind;
  mediaType: string;
  blocks: DocumentBlock[];
  /** PDF page count. */
  pageCount?: number;
  /** CSV data row count. */
  rowCount?: number;
}

/**
 * The document's full text: blocks joined by a newline. Character offsets of chunks point into it.
 */
export function documentText(doc: Pick<ParsedDocument, 'blocks'>): string {
  return doc.blocks.map((b) => b.text).join('\n');
}
