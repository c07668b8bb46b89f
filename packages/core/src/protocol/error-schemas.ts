import { z } from 'zod';
import type { ErrorCode } from '../errors/company-chat-error.js';

/** Every stable error code (docs/errors.md); clients switch on them. */
export const errorCodeSchema = z
  .enum([
    'auth',
    'rate_limited',
    'overloaded',
    'context_length_exceeded',
    'bad_request',
    'timeout',
    'network',
    'upstream',
    'invalid_request',
    'invalid_json',
    'payload_too_large',
    'unsupported_media_type',
    'method_not_allowed',
    'not_found',
    'unknown_model',
    'no_model_configured',
    'conversation_busy',
    'unauthenticated',
    'forbidden',
    'quota_exceeded',
    'quota_unavailable',
    'shutting_down',
    'data_dir_locked',
    'store_unavailable',
    'aborted',
    'not_supported',
    'unreadable_file',
    'password_protected',
    'empty_file',
    'archive_limits',
    'document_limits',
    'parse_timeout',
    'internal',
  ])
  .meta({ id: 'ErrorCode', description: 'A stable error code (see docs/errors.md). Codes are only ever added.' });

// The enum above is the wire form of `ErrorCode`: compilation fails here when one gains a code the other lacks.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCodes: Same<z.infer<typeof errorCodeSchema>, ErrorCode> = true;
void sameCodes;

/** The body of every error response: `{ "error": { "code", "message" } }`. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: errorCodeSchema,
      /** For developers and logs; show end users words chosen by `code`. */
      message: z.string(),
      /** How long to wait before trying again, when the server knows (also sent as `Retry-After`). */
      retryAfterMs: z.number().int().nonnegative().optional(),
    }),
  })
  .meta({
    id: 'ErrorBody',
    description: 'Every error is answered with this body and the status of its code.',
    examples: [{ error: { code: 'not_found', message: 'Conversation "c_1" was not found.' } }],
  });
