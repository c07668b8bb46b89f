import { CompanyChatError, type ErrorCode } from '@company-chat/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { retryAfterHeaders } from '../identity/authenticate-request.js';
import { errorResponse, jsonErrorResponse } from './error-response.js';

/**
 * Where unexpected errors are reported. Defaults to `console.error`. `details` names the request
 * (`requestId`) when the error is about one.
 */
export type ErrorLogger = (message: string, error: unknown, details?: { requestId?: string }) => void;

// hono's own middleware (e.g. bodyLimit without onError) throws HTTPExceptions with a status only.
const codeForStatus: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * The app's `onError`: a {@link CompanyChatError} answers with its status and `toJSON()`; anything else
 * is logged and answered with a generic 500, so stacks, keys and upstream URLs never reach the client.
 */
export function createErrorHandler(log: ErrorLogger): (err: Error, c: Context) => Response {
  return (err, c) => {
    const about = { requestId: c.get('requestId') as string | undefined };
    if (CompanyChatError.isInstance(err)) {
      // Raised on purpose with a safe message; only 'internal' ones mean something is broken.
      if (err.code === 'internal') log('request failed', err, about);
      // Not a bug, but the operator must learn the database is away (the client gets 503 + Retry-After).
      else if (err.code === 'store_unavailable') log('the database is unavailable', err, about);
      return jsonErrorResponse(err, retryAfterHeaders(err));
    }
    if (err instanceof HTTPException) {
      const code = codeForStatus[err.status];
      if (code) return errorResponse(code, err.message || defaultMessage(code), err.status);
    }
    log('unexpected error while handling a request', err, about);
    return errorResponse('internal', 'Internal server error.', 500);
  };
}

function defaultMessage(code: ErrorCode): string {
  return code.replaceAll('_', ' ');
}

/** The app's `notFound`: a JSON 404 naming the method and path that matched no route. */
export function notFoundHandler(c: Context): Response {
  return errorResponse('not_found', `No route for ${c.req.method} ${c.req.path}.`, 404);
}
