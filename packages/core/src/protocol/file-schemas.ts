import { z } from 'zod';
import { locatorSchema } from './message-schemas.js';

/** Where a file is searched: one conversation's (`conversationId`), all of the user's, or a shared collection. */
export const fileScopeSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('private'), conversationId: z.string().optional() }),
    z.object({ type: z.literal('shared'), collection: z.string() }),
  ])
  .meta({ id: 'FileScope' });

/** A file in the knowledge base (dates are ISO strings). */
export const uploadedFileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mediaType: z.string(),
    kind: z.string().optional(),
    sizeBytes: z.number().int(),
    /** Hex SHA-256 of the bytes. */
    sha256: z.string().optional(),
    scope: fileScopeSchema.optional(),
    /** `processing` while being ingested, then `ready` or `failed`. */
    status: z.enum(['processing', 'ready', 'failed']),
    /** The last completed ingestion step (`parsed`, `chunked`, `embedded`, `indexed`). */
    stage: z.enum(['parsed', 'chunked', 'embedded', 'indexed']).nullable().optional(),
    error: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
    pageCount: z.number().int().nullable().optional(),
    chunkCount: z.number().int().nullable().optional(),
    /** 1, then one more each time new content was uploaded under the same name. */
    version: z.number().int().optional(),
    /** Replaced versions, oldest first. */
    previousVersions: z
      .array(
        z.object({
          version: z.number().int(),
          sha256: z.string(),
          sizeBytes: z.number().int(),
          replacedAt: z.iso.datetime({ offset: true }),
        }),
      )
      .optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'File' });

/** The answer of `POST /files`: the file, and whether the same content was already in the same place. */
export const uploadResponseSchema = z
  .object({ file: uploadedFileSchema, duplicate: z.boolean() })
  .meta({ id: 'UploadResponse' });

/** The answer of `GET /files`. */
export const fileListSchema = z.object({ files: z.array(uploadedFileSchema) });

/** The answer of `GET /files/:id`. */
export const fileResponseSchema = z.object({ file: uploadedFileSchema });

/** One passage (chunk) of a file. */
export const passageSchema = z
  .object({
    id: z.string(),
    ordinal: z.number().int(),
    text: z.string(),
    headingPath: z.array(z.string()),
    locator: locatorSchema,
  })
  .meta({ id: 'Passage' });

/** The answer of `GET /files/:id/passages/:passageId`: the passage, its neighbours and its file. */
export const passageResponseSchema = z.object({
  file: uploadedFileSchema,
  passage: passageSchema,
  previous: passageSchema.nullable(),
  next: passageSchema.nullable(),
});
