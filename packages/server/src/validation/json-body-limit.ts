import { CompanyChatError } from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * hono's `bodyLimit`, answering our JSON 413. It trusts `Content-Length` (Node enforces it) and otherwise
 * counts bytes while reading, so a chunked body cannot slip past the limit.
 */
export function jsonBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new CompanyChatError({
        code: 'payload_too_large',
        message: `The request body is larger than ${maxBytes} bytes.`,
      });
    },
  });
}
