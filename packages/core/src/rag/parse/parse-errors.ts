import { CompanyChatError, type ErrorCode } from '../../errors/company-chat-error.js';

/** A parse failure with a stable code; `fileName` is only used in the message, never as a path. */
export function parseError(code: ErrorCode, message: string, cause?: unknown): CompanyChatError {
  return new CompanyChatError({ code, message, cause });
}

/** The 422 `unreadable_file` error for a malformed file of the detected kind. */
export function unreadable(kind: string, cause?: unknown): CompanyChatError {
  return parseError(
    'unreadable_file',
    `The file could not be read as ${kind}: it is damaged or not really ${kind}.`,
    cause,
  );
}

/** Throws `document_limits` when `count` passes `max`. */
export function checkCount(count: number, max: number, what: string): void {
  if (count > max) throw parseError('document_limits', `The file has more than ${max} ${what}, the most that is read.`);
}
