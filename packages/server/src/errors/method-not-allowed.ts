import type { Handler } from 'hono';
import { errorResponse } from './error-response.js';

/** Handler registered after a path's real methods: a JSON 405 with the `Allow` header. */
export function methodNotAllowed(allowed: string[]): Handler {
  const allow = allowed.join(', ');
  return (c) =>
    errorResponse('method_not_allowed', `${c.req.method} is not allowed here; use ${allow}.`, 405, { allow });
}
