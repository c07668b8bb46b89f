import {
  CompanyChatError,
  defaultParseLimits,
  type IngestedFile,
  type IngestProgress,
  type KnowledgeBase,
  scopesOf,
} from '@company-chat/core';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app/app-env.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { attachmentDisposition } from './content-disposition.js';
import { readUpload } from './read-upload.js';
import { toFileJson } from './to-file-json.js';
import { toPassageJson } from './to-passage-json.js';

/** Options of {@link filesRoutes}. */
export interface FilesRoutesOptions {
  knowledge: KnowledgeBase;
  /** Largest accepted file in bytes. Default `defaultParseLimits.maxBytes` (20 MiB), the knowledge base's own default. */
  maxUploadBytes?: number;
  /**
   * Whether the caller administers the tenant's shared collections. Default: the authenticated
   * principal (`c.var.principal`, set by the identity middleware) has the `admin` role and, for an API
   * key, the `admin` scope too (a `files` key of an admin manages only its own files).
   */
  canManageShared?: (c: Context<AppEnv>) => boolean;
}

// Multipart framing and the small text fields around the file.
const MULTIPART_OVERHEAD = 64 * 1024;
const MAX_ID_LENGTH = 128;

const notFound = (id: string) =>
  new CompanyChatError({
    code: 'not_found',
    message: `File ${JSON.stringify(id.slice(0, MAX_ID_LENGTH))} was not found.`,
  });

function principalIsAdmin(c: Context<AppEnv>): boolean {
  const principal = (c.var as Partial<AppEnv['Variables']>).principal;
  return principal?.roles.includes('admin') === true && scopesOf(principal).includes('admin');
}

/** The body answering an upload: the file, and whether it was already there (same content, same scope). */
function ingestedJson(file: IngestedFile) {
  return { file: toFileJson(file), duplicate: file.outcome === 'duplicate' };
}

/**
 * `POST /files` (multipart upload, ingested before answering: 201 with the new file, 200 with the
 * existing one and `duplicate: true` for the same content in the same scope, 200 with the file's next
 * version for new content under a name already in that scope; with
 * `Accept: text/event-stream` the answer streams `progress` events then `file` or `error`),
 * `GET /files`, `GET /files/:id` (status and stage for polling), `DELETE /files/:id` (with its
 * original), `GET /files/:id/download` (the original bytes, as an attachment) and
 * `GET /files/:id/passages/:passageId` (a cited passage with its neighbours and locator), always
 * scoped to `c.var.owner` exactly as `GET /files/:id` is.
 */
export function filesRoutes(options: FilesRoutesOptions): Hono<AppEnv> {
  const { knowledge } = options;
  const maxUploadBytes = options.maxUploadBytes ?? defaultParseLimits.maxBytes;
  const canManageShared = options.canManageShared ?? principalIsAdmin;
  const app = new Hono<AppEnv>();

  const limit = bodyLimit({
    maxSize: maxUploadBytes + MULTIPART_OVERHEAD,
    onError: () => {
      throw new CompanyChatError({
        code: 'payload_too_large',
        message: `The file is larger than ${Math.round(maxUploadBytes / 1024 / 1024)} MiB, the most accepted.`,
      });
    },
  });

  app.post(
    '/files',
    async (c, next) => {
      // Captured before bodyLimit replaces `c.req.raw`: a client that goes away stops its ingestion.
      c.set('requestSignal', c.req.raw.signal);
      await next();
    },
    limit,
    async (c) => {
      const upload = await readUpload(c);
      const owner = c.var.owner;
      const manageShared = canManageShared(c);
      if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
        const file = await knowledge.ingest(owner, upload, { manageShared, signal: c.var.requestSignal });
        return c.json(ingestedJson(file), file.outcome === 'created' ? 201 : 200);
      }
      return streamIngest((onProgress) =>
        knowledge.ingest(owner, upload, { manageShared, onProgress, signal: c.var.requestSignal }),
      );
    },
  );
  app.get('/files', async (c) => {
    const conversationId = c.req.query('conversationId') || undefined;
    const limitParam = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limitParam) || limitParam < 1 || limitParam > 1000) {
      throw new CompanyChatError({ code: 'invalid_request', message: 'query.limit: a whole number from 1 to 1000.' });
    }
    const files = await knowledge.listFiles(c.var.owner, { conversationId, limit: limitParam });
    return c.json({ files: files.map(toFileJson) });
  });
  app.all('/files', methodNotAllowed(['GET', 'POST']));

  app.get('/files/:id', async (c) => {
    const id = c.req.param('id');
    const file = id.length <= MAX_ID_LENGTH ? await knowledge.getFile(c.var.owner, id) : null;
    if (!file) throw notFound(id);
    return c.json({ file: toFileJson(file) });
  });

  app.delete('/files/:id', async (c) => {
    const id = c.req.param('id');
    const deleted =
      id.length <= MAX_ID_LENGTH && (await knowledge.deleteFile(c.var.owner, id, { manageShared: canManageShared(c) }));
    if (!deleted) throw notFound(id);
    return c.body(null, 204);
  });
  app.all('/files/:id', methodNotAllowed(['GET', 'DELETE']));

  app.get('/files/:id/download', async (c) => {
    const id = c.req.param('id');
    const found = id.length <= MAX_ID_LENGTH ? await knowledge.openOriginal(c.var.owner, id) : null;
    if (!found) throw notFound(id);
    const { file, blob } = found;
    return new Response(blob.body, {
      headers: {
        'content-type': file.mediaType,
        'content-length': String(blob.size),
        'content-disposition': attachmentDisposition(file.name),
        // Uploaded bytes are untrusted: never sniffed into something executable, never rendered with
        // this origin's rights if a browser opens them anyway, never cached by shared caches.
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      },
    });
  });
  app.all('/files/:id/download', methodNotAllowed(['GET']));

  app.get('/files/:id/passages/:passageId', async (c) => {
    const id = c.req.param('id');
    const passageId = c.req.param('passageId');
    const found =
      id.length <= MAX_ID_LENGTH && passageId.length <= MAX_ID_LENGTH
        ? await knowledge.getPassage(c.var.owner, id, passageId)
        : null;
    if (!found) {
      throw new CompanyChatError({
        code: 'not_found',
        message: `Passage ${JSON.stringify(passageId.slice(0, MAX_ID_LENGTH))} of file ${JSON.stringify(id.slice(0, MAX_ID_LENGTH))} was not found.`,
      });
    }
    return c.json(toPassageJson(found));
  });
  app.all('/files/:id/passages/:passageId', methodNotAllowed(['GET']));

  return app;
}

/** Streams ingestion as SSE: `progress` per stage, then `file`, or `error` with the failure's code. */
function streamIngest(run: (onProgress: (p: IngestProgress) => void) => Promise<IngestedFile>): Response {
  const encoder = new TextEncoder();
  let id = 0;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(encoder.encode(`id: ${++id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          // The client went away; ingestion still completes (or is aborted by the request signal).
        }
      };
      try {
        const file = await run((progress) => send('progress', progress));
        send('file', ingestedJson(file));
      } catch (error) {
        const known = CompanyChatError.isInstance(error);
        send('error', {
          error: {
            code: known ? error.code : 'internal',
            message: known ? error.message : 'Ingesting the file failed.',
            status: known ? error.statusCode : 500,
          },
        });
      }
      try {
        controller.close();
      } catch {
        // Already closed by a cancelled client.
      }
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
  });
}
