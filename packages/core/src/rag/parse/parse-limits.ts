/** Limits applied while reading an uploaded file. Every one ends in a clear 4xx error, never a crash. */
export interface ParseLimits {
  /** Largest accepted file in bytes (413 `payload_too_large`). Default 20 MiB. */
  maxBytes: number;
  /** Most PDF pages read (422 `document_limits`). Default 500. */
  maxPages: number;
  /** Most CSV rows, table rows or JSON leaves (422 `document_limits`). Default 100,000. */
  maxRows: number;
  /** Most entries in a DOCX archive (422 `archive_limits`). Default 1,000. */
  maxArchiveEntries: number;
  /** Largest total uncompressed size of a DOCX archive (422 `archive_limits`). Default 100 MiB. */
  maxUncompressedBytes: number;
  /** Largest compression ratio of one archive entry (422 `archive_limits`). Default 200. */
  maxCompressionRatio: number;
  /** Most characters of extracted text (422 `document_limits`). Default 5,000,000. */
  maxChars: number;
  /** Time budget for parsing one file in ms (422 `parse_timeout`). Default 30 s. */
  timeBudgetMs: number;
}

/** The default {@link ParseLimits}. */
export const defaultParseLimits: ParseLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 500,
  maxRows: 100_000,
  maxArchiveEntries: 1_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxChars: 5_000_000,
  timeBudgetMs: 30_000,
};
