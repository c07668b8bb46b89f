import type { Chunk, Locator } from './chunk.js';

/**
 * The chunk's {@link Locator}: the one stored at chunking time, else what its page, rows and heading
 * path say (chunks stored before locators existed).
 */
export function chunkLocator(
  chunk: Omit<Chunk, 'text' | 'tokenCount' | 'ordinal' | 'startOffset' | 'endOffset'>,
): Locator {
  if (chunk.locator) return chunk.locator;
  const locator: Locator = {};
  if (chunk.page !== undefined) locator.page = chunk.page;
  if (chunk.rowStart !== undefined) locator.rows = [chunk.rowStart, chunk.rowEnd ?? chunk.rowStart];
  if (chunk.headingPath.length > 0) locator.heading = chunk.headingPath;
  return locator;
}
