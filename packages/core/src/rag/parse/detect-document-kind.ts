import type { DocumentKind } from './parsed-document.js';
import { readZipDirectory } from './read-zip-directory.js';

/** The kind a file's name or declared media type suggests; only a hint, the content decides. */
export function kindHint(name?: string, mediaType?: string): DocumentKind | undefined {
  const ext = name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const byExt: Record<string, DocumentKind> = {
    pdf: 'pdf',
    docx: 'docx',
    csv: 'csv',
    tsv: 'csv',
    json: 'json',
    md: 'markdown',
    markdown: 'markdown',
    html: 'html',
    htm: 'html',
    txt: 'text',
    text: 'text',
  };
  if (ext && byExt[ext]) return byExt[ext];
  const type = mediaType?.toLowerCase().split(';')[0]?.trim();
  if (!type) return undefined;
  if (type === 'application/pdf') return 'pdf';
  if (type.includes('wordprocessingml')) return 'docx';
  if (type === 'text/csv' || type === 'text/tab-separated-values') return 'csv';
  if (type === 'application/json') return 'json';
  if (type === 'text/markdown') return 'markdown';
  if (type === 'text/html') return 'html';
  if (type === 'text/plain') return 'text';
  return undefined;
}

/** Binary kinds recognised by magic bytes: `%PDF-`, or a ZIP holding `word/document.xml`. */
export function sniffBinaryKind(bytes: Uint8Array): 'pdf' | 'docx' | 'zip' | undefined {
  // PDF readers accept the header within the first 1024 bytes (PDF 32000-1, 7.5.2 note).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const entries = readZipDirectory(bytes);
    return entries?.some((e) => e.name === 'word/document.xml') ? 'docx' : 'zip';
  }
  return undefined;
}

const HTML_START = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;
const HTML_TAGS = /<(p|div|span|h[1-6]|table|ul|ol|li|a|section|article|br)\b[^>]*>/gi;

/** The kind of a decoded text file: JSON that parses, HTML by tags, CSV by consistent delimiters, Markdown by syntax. */
export function sniffTextKind(text: string, hint: DocumentKind | undefined): DocumentKind {
  const trimmed = text.trimStart();
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && parsesAsJson(trimmed)) return 'json';
  if (hint === 'json') return 'json'; // reported as malformed by the JSON parser
  if (HTML_START.test(text) || (hint === 'html' && /<[a-z][^>]*>/i.test(text))) return 'html';
  if ((text.slice(0, 20_000).match(HTML_TAGS)?.length ?? 0) >= 3 && hint !== 'markdown') return 'html';
  if (hint === 'csv' || looksLikeCsv(text)) return 'csv';
  if (hint === 'markdown' || /^(#{1,6} |```|\s*[-*] \[?|\|.*\|\s*$)/m.test(text)) return 'markdown';
  return 'text';
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Three or more lines with the same non-zero count of one delimiter (comma, semicolon or tab). */
function looksLikeCsv(text: string): boolean {
  const lines = text
    .slice(0, 20_000)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
    // Delimiters inside quoted fields do not count.
    .map((l) => l.replace(/"[^"]*"/g, ''));
  if (lines.length < 3) return false;
  return [',', ';', '\t'].some((d) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    return counts[0]! > 0 && counts.every((c) => c === counts[0]);
  });
}
