/**
 * Limits applied while reading an uploaded file: every limit is one number, defined here and quoted by
 * the docs (docs/configuration.md), and each ends in a clear 4xx error, never a crash. The defaults
 * are chosen so that the upload size is the limit that matters: a well-formed file within `maxBytes`
 * of any supported type is read whole.
 */
export interface ParseLimits {
  /** Largest accepted file in bytes (413 `payload_too_large`). Default 20 MiB. */
  maxBytes: number;
  /** Most PDF pages read (422 `document_limits`). Default 10,000. */
  maxPages: number;
  /** Most CSV rows, table rows or JSON values (422 `document_limits`). Default: no limit (the file size bounds them). */
  maxRows: number;
  /** Most entries in a DOCX archive (422 `archive_limits`). Default 1,000. */
  maxArchiveEntries: number;
  /** Largest total uncompressed size of a DOCX archive (422 `archive_limits`). Default 100 MiB. */
  maxUncompressedBytes: number;
  /** Largest compression ratio of one archive entry (422 `archive_limits`). Default 200. */
  maxCompressionRatio: number;
  /**
   * Most characters of extracted text, the output-size budget (422 `document_limits`). Default
   * 50,000,000: room for a 20 MiB CSV whose rows become `header: value` records.
   */
  maxChars: number;
  /**
   * Processing-time budget for one file in ms (422 `parse_timeout`). Default 30 s. With the worker
   * parser (`@company-chat/core/worker-parser`) it counts the parsing thread's CPU time, so a file
   * passes or fails whatever the load; parsing in process it is wall-clock time.
   */
  timeBudgetMs: number;
}

/** The default {@link ParseLimits}: the one place the numbers are defined. */
export const defaultParseLimits: ParseLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 10_000,
  maxRows: Number.POSITIVE_INFINITY,
  maxArchiveEntries: 1_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxChars: 50_000_000,
  timeBudgetMs: 30_000,
};
