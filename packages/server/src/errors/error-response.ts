import { CompanyChatError, type ErrorCode } from '@company-chat/core';
import type { errorBodySchema } from '@company-chat/core/protocol';
import type { z } from 'zod';

/** The JSON body of every error the server answers with. */
export type ErrorBody = z.output<typeof errorBodySchema>;

/** Builds the `{ error: { code, message } }` JSON response for an error code. */
export function errorResponse(
  code: ErrorCode,
  message: string,
  status?: number,
  headers?: Record<string, string>,
): Response {
  const error = new CompanyChatError({ code, message, statusCode: status });
  return jsonErrorResponse(error, headers);
}

/** Serialises a {@link CompanyChatError} with its status. Only `toJSON()` is sent: never cause or stack. */
export function jsonErrorResponse(error: CompanyChatError, headers?: Record<string, string>): Response {
  const body: ErrorBody = { error: error.toJSON() };
  return new Response(JSON.stringify(body), {
    status: error.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
