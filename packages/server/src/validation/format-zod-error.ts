import type { z } from 'zod';

/**
 * One line per problem, `path: message`, so a client sees exactly which field is wrong.
 * Issues at the root (wrong body type, unknown keys) are prefixed with `body`.
 */
export function formatZodError(error: z.ZodError, root = 'body'): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : root;
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
