import { CompanyChatError } from '../../errors/company-chat-error.js';
import { type BudgetClock, startDeadline, wallClock } from './deadline.js';
import { decodeText } from './decode-text.js';
import { kindHint, sniffBinaryKind, sniffTextKind } from './detect-document-kind.js';
import { htmlToBlocks } from './html-to-blocks.js';
import { parseCsv } from './parse-csv.js';
import { parseDocx } from './parse-docx.js';
import { checkCount, parseError, unreadable } from './parse-errors.js';
import { parseJson } from './parse-json.js';
import { defaultParseLimits, type ParseLimits } from './parse-limits.js';
import { parseMarkdown, parsePlainText } from './parse-markdown.js';
import { parsePdf } from './parse-pdf.js';
import { type DocumentBlock, type DocumentKind, mediaTypeOfKind, type ParsedDocument } from './parsed-document.js';

/** Input of {@link parseDocument}. */
export interface ParseDocumentInput {
  bytes: Uint8Array;
  /** The uploaded file name: a hint for the type and a label, never used as a path. */
  name?: string;
  /** The media type the client declared: a hint only. */
  mediaType?: string;
  limits?: Partial<ParseLimits>;
}

const unsupported = () =>
  parseError(
    'unsupported_media_type',
    'This file type is not supported. Upload PDF, Word (DOCX), CSV, JSON, Markdown, HTML or plain text.',
  );

/**
 * Reads an uploaded file into text blocks. The type is detected from the content (magic bytes, then
 * text sniffing); the name and declared type only break ties, and a file whose content contradicts a
 * binary extension (a `.pdf` that is not a PDF) is rejected. Errors are {@link CompanyChatError}s:
 * 413 `payload_too_large`, 415 `unsupported_media_type`, 422 `empty_file`, `unreadable_file`, `password_protected`,
 * `archive_limits`, `document_limits`, `parse_timeout`.
 *
 * @example
 * ```ts
 * const doc = await parseDocument({ bytes, name: 'handbook.pdf' });
 * doc.blocks[0]; // { type: 'paragraph', text: '...', page: 1 }
 * ```
 */
export function parseDocument(input: ParseDocumentInput): Promise<ParsedDocument> {
  return parseDocumentOn(input, wallClock);
}

/** {@link parseDocument} with its time budget kept on `clock` (a worker passes its thread's CPU time). */
export async function parseDocumentOn(input: ParseDocumentInput, clock: BudgetClock): Promise<ParsedDocument> {
  try {
    return await parseChecked(input, clock);
  } catch (error) {
    // Whatever a crafted file makes a parser throw (stack exhaustion, library bugs) is a bad file, not a server error.
    if (CompanyChatError.isInstance(error)) throw error;
    throw parseError('unreadable_file', 'The file could not be read: it is damaged or not a supported format.', error);
  }
}

async function parseChecked(input: ParseDocumentInput, clock: BudgetClock): Promise<ParsedDocument> {
  const limits = { ...defaultParseLimits, ...input.limits };
  const { bytes } = input;
  if (bytes.byteLength > limits.maxBytes) {
    throw parseError(
      'payload_too_large',
      `The file is larger than ${formatBytes(limits.maxBytes)}, the most accepted.`,
    );
  }
  if (bytes.byteLength === 0) throw parseError('empty_file', 'The file is empty.');
  const deadline = startDeadline(limits.timeBudgetMs, clock);
  const hint = kindHint(input.name, input.mediaType);
  const binary = sniffBinaryKind(bytes);
  if (binary === 'zip') throw unsupported();
  if (hint === 'pdf' && binary !== 'pdf') throw unreadable('a PDF');
  if (hint === 'docx' && binary !== 'docx') throw unreadable('a Word document (DOCX)');

  let kind: DocumentKind;
  let blocks: DocumentBlock[];
  const extra: Pick<ParsedDocument, 'pageCount' | 'rowCount'> = {};
  if (binary === 'pdf') {
    kind = 'pdf';
    const pdf = await parsePdf(bytes, limits, deadline);
    blocks = pdf.blocks;
    extra.pageCount = pdf.pageCount;
  } else if (binary === 'docx') {
    kind = 'docx';
    blocks = await parseDocx(bytes, limits, deadline);
  } else {
    const text = decodeText(bytes);
    if (text.trim() === '') throw parseError('empty_file', 'The file has no text.');
    kind = sniffTextKind(text, hint);
    const parsed = parseText(kind, text, limits);
    blocks = parsed.blocks;
    if (parsed.rowCount !== undefined) extra.rowCount = parsed.rowCount;
  }
  deadline.check();
  const chars = blocks.reduce((n, b) => n + b.text.length, 0);
  if (chars === 0) {
    throw parseError(
      'empty_file',
      kind === 'pdf'
        ? 'The PDF has no extractable text (a scan? Text recognition is not supported).'
        : 'The file has no text.',
    );
  }
  checkCount(chars, limits.maxChars, 'characters of text');
  return { kind, mediaType: mediaTypeOfKind[kind], blocks, ...extra };
}

function parseText(
  kind: DocumentKind,
  text: string,
  limits: ParseLimits,
): { blocks: DocumentBlock[]; rowCount?: number } {
  const { maxRows } = limits;
  if (kind === 'csv') return parseCsv(text, limits);
  if (kind === 'json') return { blocks: parseJson(text, maxRows) };
  if (kind === 'html') return { blocks: htmlToBlocks(text, maxRows) };
  if (kind === 'markdown') return { blocks: parseMarkdown(text, maxRows) };
  return { blocks: parsePlainText(text) };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}
