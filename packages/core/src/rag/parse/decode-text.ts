import { parseError } from './parse-errors.js';

/**
 * Decodes a text file: UTF-8 (BOM dropped), or UTF-16 when it starts with a UTF-16 BOM. Bytes that
 * are not valid text (NUL bytes, invalid UTF-8) mean a binary file: 415 `unsupported_media_type`.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.subarray(0, 8192).includes(0)) throw binary();
  return strict('utf-8', body);
}

function strict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw binary();
  }
}

function binary() {
  return parseError(
    'unsupported_media_type',
    'This file type is not supported. Upload PDF, Word (DOCX), CSV, JSON, Markdown, HTML or plain text.',
  );
}
