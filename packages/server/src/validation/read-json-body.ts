import { CompanyChatError } from '@company-chat/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { parseWithSchema } from './parse-with-schema.js';

const jsonContentType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body and validates it: 415 unless the content type is JSON, 400 `invalid_json`
 * when it does not parse, 400 `invalid_request` when it does not match `schema`. The size limit is
 * enforced before this by the `bodyLimit` middleware, which counts bytes also for chunked bodies.
 */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const contentType = c.req.header('content-type') ?? '';
  if (!jsonContentType.test(contentType)) {
    throw new CompanyChatError({
      code: 'unsupported_media_type',
      message: 'Send the request body as JSON with "Content-Type: application/json".',
    });
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CompanyChatError({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
  }
  return parseWithSchema(schema, value);
}
