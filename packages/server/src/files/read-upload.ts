import { CompanyChatError, type FileScope } from '@company-chat/core';
import type { Context } from 'hono';

/** A validated multipart upload. */
export interface Upload {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  scope: FileScope;
}

const invalid = (message: string) => new CompanyChatError({ code: 'invalid_request', message });

/**
 * Reads `multipart/form-data` with one `file` part and optional `conversationId` (attach the file to
 * that conversation) or `collection` (a shared collection; admins only) fields. The body size is
 * limited before this by the route's `bodyLimit`.
 */
export async function readUpload(c: Context): Promise<Upload> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new CompanyChatError({
      code: 'unsupported_media_type',
      message: 'Upload files as multipart/form-data with a "file" field.',
    });
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (error) {
    if (CompanyChatError.isInstance(error)) throw error;
    throw invalid('The multipart body could not be read.');
  }
  const files = form.getAll('file');
  const file = files[0];
  if (files.length !== 1 || typeof file === 'string' || file === undefined) {
    throw invalid('Send exactly one file in the "file" field.');
  }
  const conversationId = field(form, 'conversationId');
  const collection = field(form, 'collection');
  if (conversationId && collection) throw invalid('A file goes either to a conversation or to a collection, not both.');
  const scope: FileScope = collection
    ? { type: 'shared', collection }
    : conversationId
      ? { type: 'private', conversationId }
      : { type: 'private' };
  return { name: file.name, mediaType: file.type, bytes: new Uint8Array(await file.arrayBuffer()), scope };
}

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 128) throw invalid(`"${name}" must be a short text field.`);
  return value;
}
