import { CompanyChatError } from '../../errors/company-chat-error.js';
import type { Deadline } from './deadline.js';
import { checkCount, parseError, unreadable } from './parse-errors.js';
import type { ParseLimits } from './parse-limits.js';
import type { DocumentBlock } from './parsed-document.js';

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

/**
 * Extracts the text of a PDF page by page with pdf.js (through unpdf), with `eval` disabled so a
 * crafted font cannot run code. The page count is checked before any page is read.
 */
export async function parsePdf(
  bytes: Uint8Array,
  limits: ParseLimits,
  deadline: Deadline,
): Promise<{ blocks: DocumentBlock[]; pageCount: number }> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    pdf = await deadline.race(getDocumentProxy(bytes.slice(), { isEvalSupported: false, verbosity: 0 }));
  } catch (error) {
    if (CompanyChatError.isInstance(error)) throw error;
    // pdf.js asks for the password to open an encrypted PDF; a PDF that only restricts editing opens without one.
    if ((error as { name?: unknown } | null)?.name === 'PasswordException') {
      throw parseError(
        'password_protected',
        'The PDF is protected by a password. Save a copy without the password and upload that.',
        error,
      );
    }
    throw unreadable('a PDF', error);
  }
  try {
    checkCount(pdf.numPages, limits.maxPages, 'pages');
    const blocks: DocumentBlock[] = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      deadline.check();
      const content = await deadline.race(pdf.getPage(page).then((p) => p.getTextContent()));
      let text = '';
      for (const item of content.items as TextItem[]) {
        text += item.str ?? '';
        if (item.hasEOL) text += '\n';
      }
      for (const paragraph of text.split(/\n\s*\n/)) {
        const clean = paragraph.replace(/[ \t]+/g, ' ').trim();
        if (clean) blocks.push({ type: 'paragraph', text: clean, page });
      }
    }
    return { blocks, pageCount: pdf.numPages };
  } catch (error) {
    if (CompanyChatError.isInstance(error)) throw error;
    throw unreadable('a PDF', error);
  } finally {
    void pdf.destroy().catch(() => {});
  }
}
