import type { Locator } from '../chunk/chunk.js';

/** A passage retrieved for a question, numbered for citation. */
export interface RetrievedPassage {
  /** 1-based citation number (`[1]`) within one retrieval. */
  index: number;
  chunkId: string;
  fileId: string;
  fileName: string;
  mediaType: string;
  page?: number;
  rowStart?: number;
  rowEnd?: number;
  headingPath: string[];
  /** Where the passage is in its file (page, rows, lines, heading path). */
  locator: Locator;
  /** The chunk's full text (what goes into the prompt). */
  text: string;
  /** A short excerpt around the words of the question (what a citation shows). */
  snippet: string;
  /** Fused rank score; higher is better. */
  score: number;
}
