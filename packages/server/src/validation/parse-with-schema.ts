import { CompanyChatError } from '@company-chat/core';
import type { z } from 'zod';
import { formatZodError } from './format-zod-error.js';

/** Validates `value` with `schema`, throwing a 400 `invalid_request` that says what is wrong. */
export function parseWithSchema<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CompanyChatError({ code: 'invalid_request', message: formatZodError(result.error, root) });
}
