import { analyse } from 'chardet';
import { parseError } from './parse-errors.js';

/** Bytes read for a `<meta charset>` declaration; the HTML standard looks in the first 1,024, pages with long heads need more. */
const META_SCAN_BYTES = 4096;
/** Bytes given to the encoding detector: enough for a reliable guess without reading a large file twice. */
const DETECT_SAMPLE_BYTES = 64 * 1024;
/** Share of control characters above which decoded "text" is really a binary file. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decodes a text file. In order: a byte order mark (UTF-8, UTF-16LE, UTF-16BE) decides; text that is
 * valid UTF-8, or mostly UTF-8 with a few stray bytes, is UTF-8; then the charset an HTML page declares
 * (`<meta charset>` or `<meta http-equiv="Content-Type">`); then the encoding detected from the bytes
 * (ISO-8859-x, Windows-125x, Shift_JIS, GB18030, Big5, EUC-JP/KR, KOI8-R...). Bytes invalid in the chosen
 * encoding become U+FFFD instead of refusing the file. NUL bytes or a high share of control characters
 * mean a binary file: 415 `unsupported_media_type`.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(decode('utf-16le', bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(decode('utf-16be', bytes.subarray(2)));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.subarray(0, 8192).includes(0)) throw binary();
  const utf8 = decode('utf-8', body);
  if (isMostlyUtf8(utf8)) return checked(utf8);
  const encoding = declaredCharset(body) ?? detectedCharset(body) ?? 'windows-1252';
  return checked(decode(encoding, body));
}

/** Lossy decoding with a label TextDecoder knows (every runtime we support implements the WHATWG encodings). */
function decode(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

/** Windows-1252 bytes 0x80–0x9F (`€`, curly quotes, dashes...); the five unassigned ones stay as they are. */
const WINDOWS_1252_C1 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

/**
 * Node 20 decodes `windows-1252` (and `iso-8859-1`, its WHATWG alias) as ISO-8859-1, turning `€` and
 * curly quotes into C1 control characters; a correct decoder never yields those, so mapping them is
 * safe on every runtime.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

function supported(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Valid UTF-8, or UTF-8 whose decoded non-ASCII characters outnumber the invalid bytes: legacy 8-bit text
 * almost never forms valid multi-byte sequences, so those are real UTF-8 with a few damaged bytes.
 */
function isMostlyUtf8(text: string): boolean {
  let invalid = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) invalid++;
    else if (code > 0x7f) multibyte++;
  }
  return invalid === 0 || multibyte >= invalid;
}

/** The charset an HTML page declares near its start, if TextDecoder knows it. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = decode('windows-1252', bytes.subarray(0, META_SCAN_BYTES));
  const match = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w:.+-]+)/i.exec(head);
  return match ? supported(match[1]!) : undefined;
}

/** The most likely encoding according to chardet (ICU's detector), skipping names TextDecoder does not know. */
function detectedCharset(bytes: Uint8Array): string | undefined {
  for (const match of analyse(bytes.subarray(0, DETECT_SAMPLE_BYTES))) {
    const encoding = supported(match.name);
    if (encoding && encoding !== 'utf-8') return encoding;
  }
  return undefined;
}

/** Refuses decoded text that is mostly control characters: a binary file without a NUL byte early on. */
function checked(text: string): string {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) ||
      (code >= 0x7f && code < 0xa0)
    ) {
      control++;
    }
  }
  if (control > 4 && control > sample.length * MAX_CONTROL_SHARE) throw binary();
  return text;
}

function binary() {
  return parseError(
    'unsupported_media_type',
    'This file type is not supported. Upload PDF, Word (DOCX), CSV, JSON, Markdown, HTML or plain text.',
  );
}
