import { CompanyChatError } from '../../errors/company-chat-error.js';
import { checkZipLimits } from './check-zip-limits.js';
import type { Deadline } from './deadline.js';
import { htmlToBlocks } from './html-to-blocks.js';
import { unreadable } from './parse-errors.js';
import type { ParseLimits } from './parse-limits.js';
import type { DocumentBlock } from './parsed-document.js';

/**
 * Reads a Word document: the archive is checked for zip bombs first, then mammoth converts it to
 * semantic HTML (headings, paragraphs, tables), which becomes blocks like any HTML page.
 */
export async function parseDocx(bytes: Uint8Array, limits: ParseLimits, deadline: Deadline): Promise<DocumentBlock[]> {
  checkZipLimits(bytes, limits, deadline);
  const mammoth = await import('mammoth');
  let html: string;
  try {
    // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; JSZip accepts a Uint8Array as
    // either. Never `path`: the file name is metadata, not a place on disk.
    const copy = bytes.slice();
    const input = { buffer: copy, arrayBuffer: copy.buffer } as unknown as { arrayBuffer: ArrayBuffer };
    html = (await deadline.race(mammoth.convertToHtml(input))).value;
  } catch (error) {
    if (CompanyChatError.isInstance(error)) throw error;
    throw unreadable('a Word document (DOCX)', error);
  }
  deadline.check();
  return htmlToBlocks(html, limits.maxRows);
}
