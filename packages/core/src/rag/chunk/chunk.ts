/**
 * Where a passage is in its original file, as precisely as the format allows: the PDF `page`, the
 * CSV or table data `rows` (1-based, header excluded, from–to inclusive), the source `lines` of text,
 * Markdown and code (1-based, from–to inclusive), and the `heading` path above it (outermost first).
 */
export interface Locator {
  page?: number;
  rows?: [from: number, to: number];
  lines?: [from: number, to: number];
  heading?: string[];
}

/** A piece of a document sized for retrieval, with everything needed to cite it. */
export interface Chunk {
  /** 0-based position in the document. */
  ordinal: number;
  text: string;
  /** Token count (o200k), summed over the chunk's parts. */
  tokenCount: number;
  /** The headings above the chunk, outermost first. */
  headingPath: string[];
  /** 1-based PDF page. A chunk never spans pages. */
  page?: number;
  /** First and last data row (CSV, tables) in the chunk. */
  rowStart?: number;
  rowEnd?: number;
  /** Where the chunk is in the original file; set by `chunkDocument` (derived from the fields above when absent). */
  locator?: Locator;
  /** Span of the document text (`documentText()`) the chunk covers: [startOffset, endOffset). */
  startOffset: number;
  endOffset: number;
}

/** Sizes of {@link chunkDocument}. */
export interface ChunkOptions {
  /** Largest chunk in tokens. Default 350. */
  maxTokens?: number;
  /** Tokens of the previous chunk repeated at the start of the next when a section is split. Default 50. */
  overlapTokens?: number;
}
