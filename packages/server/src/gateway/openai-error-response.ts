import type { ErrorCode } from '@company-chat/core';
import type { openAIErrorBodySchema, openAIErrorTypeSchema } from '@company-chat/core/protocol';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';

/** The body of every gateway error: OpenAI's shape with our stable code. */
export type OpenAIErrorBody = z.output<typeof openAIErrorBodySchema>;
type OpenAIErrorType = z.output<typeof openAIErrorTypeSchema>;

/**
 * The status of an error code on the gateway: as on the chat API, except an unknown model, which OpenAI
 * answers 404 (its clients raise `NotFoundError` for it).
 */
export function gatewayStatus(code: ErrorCode, status: number): number {
  return code === 'unknown_model' ? 404 : status;
}

/** OpenAI's error `type` for a status (https://platform.openai.com/docs/guides/error-codes). */
function errorType(status: number, code: ErrorCode): OpenAIErrorType {
  if (code === 'quota_exceeded') return 'insufficient_quota';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 409) return 'conflict_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

/** The request field a message blames (`messages.0.content: ...` → `messages.0.content`), if any. */
function paramOf(code: ErrorCode, message: string): string | null {
  if (code === 'unknown_model') return 'model';
  if (code !== 'invalid_request') return null;
  const path = /^([\w.-]+): /.exec(message)?.[1];
  return path && path !== 'body' ? path : null;
}

/** The OpenAI-shaped body of an error code and message. */
export function openAIErrorBody(code: ErrorCode, message: string, status: number): OpenAIErrorBody {
  return { error: { message, type: errorType(status, code), param: paramOf(code, message), code } };
}

/** A JSON error response in OpenAI's shape, with the gateway's status for the code. */
export function openAIErrorResponse(code: ErrorCode, message: string, status: number, headers?: HeadersInit): Response {
  const gatewayCode = gatewayStatus(code, status);
  const out = new Headers(headers);
  out.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(openAIErrorBody(code, message, gatewayCode)), {
    status: gatewayCode,
    headers: out,
  });
}

/**
 * Gives every error of the gateway OpenAI's shape: whatever answered (the identity middleware's 401, the
 * route access check's 403 and 429, the app's error handler, 404 and 405 handlers) wrote the chat API's
 * `{ error: { code, message } }`; it is rewritten here with its status and headers (`Retry-After`,
 * `Allow`) kept, so one error path serves both faces. Successful responses pass untouched.
 */
export function openAIErrors(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (res.status < 400 || !res.headers.get('content-type')?.startsWith('application/json')) return;
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = body?.error?.code;
    if (typeof code !== 'string' || typeof body?.error?.message !== 'string' || 'type' in body.error) return;
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    c.res = undefined;
    c.res = openAIErrorResponse(code as ErrorCode, body.error.message, res.status, headers);
  };
}
