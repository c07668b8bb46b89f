import { Inflate } from 'fflate';
import { CompanyChatError } from '../../errors/company-chat-error.js';
import type { Deadline } from './deadline.js';
import { parseError, unreadable } from './parse-errors.js';
import type { ParseLimits } from './parse-limits.js';
import { readZipDirectory, type ZipEntry, zipEntryDataOffset } from './read-zip-directory.js';

const SLICE = 16 * 1024;
const tooBig = (why: string) => parseError('archive_limits', `The archive is too large when unpacked (${why}).`);

/**
 * Guards against zip bombs before a DOCX reaches mammoth: checks the entry count, the declared sizes
 * and ratios, then inflates every entry in small slices (output discarded) to verify the real sizes,
 * stopping as soon as an entry exceeds what it declared. Memory stays bounded by one slice's output.
 */
export function checkZipLimits(bytes: Uint8Array, limits: ParseLimits, deadline: Deadline): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  if (!entries) throw unreadable('a Word document (DOCX)');
  if (entries.length > limits.maxArchiveEntries) {
    throw parseError('archive_limits', `The archive has more than ${limits.maxArchiveEntries} entries.`);
  }
  let declaredTotal = 0;
  for (const entry of entries) {
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > limits.maxUncompressedBytes) throw tooBig('declared sizes');
    if (
      entry.uncompressedSize > 1024 * 1024 &&
      entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio
    ) {
      throw tooBig(`compression ratio of ${entry.name}`);
    }
  }
  for (const entry of entries) {
    deadline.check();
    verifyEntrySize(bytes, entry, deadline);
  }
  return entries;
}

function verifyEntrySize(bytes: Uint8Array, entry: ZipEntry, deadline: Deadline): void {
  const start = zipEntryDataOffset(bytes, entry);
  if (start < 0) throw unreadable('a Word document (DOCX)');
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw unreadable('a Word document (DOCX)');
    return;
  }
  if (entry.method !== 8) throw unreadable('a Word document (DOCX)');
  let produced = 0;
  const overflow = new Error('overflow');
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) throw overflow;
  });
  const end = start + entry.compressedSize;
  try {
    for (let p = start; p < end; p += SLICE) {
      inflate.push(bytes.subarray(p, Math.min(p + SLICE, end)), p + SLICE >= end);
      deadline.check();
    }
  } catch (error) {
    if (error === overflow) throw tooBig(`${entry.name} is larger than it declares`);
    if (CompanyChatError.isInstance(error)) throw error;
    throw unreadable('a Word document (DOCX)', error);
  }
  if (produced !== entry.uncompressedSize) throw unreadable('a Word document (DOCX)');
}
