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
