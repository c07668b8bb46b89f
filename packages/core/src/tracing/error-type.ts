import { CompanyChatError } from '../errors/company-chat-error.js';

/**
 * The `error.type` of a span that failed: our stable error code (low cardinality, documented in
 * docs/errors.md), else the error's class name.
 */
export function errorType(error: unknown): string {
  if (CompanyChatError.isInstance(error)) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
