// The file routes of the in-browser story API (upload, list, delete), creating conversations and the
// export, in front of storyServer() for everything else. Stories only: the tests use the real server.
import type { UploadedFile } from '@company-chat/core/client';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Files the story starts with: `processing` ones stay so (the "status while ingesting" state). */
export type StoryFile = Pick<UploadedFile, 'name' | 'sizeBytes' | 'status' | 'scope'>;

/** Wraps a story `fetch` with an in-memory knowledge base of files. */
export function withStoryFiles(next: typeof fetch, initial: StoryFile[] = []): typeof fetch {
  let ids = 0;
  const at = new Date().toISOString();
  const files: UploadedFile[] = initial.map((f) => ({ ...f, id: `f${ids++}`, mediaType: 'text/plain', createdAt: at }));
  return async (input, init) => {
    const url = new URL(String(input), location.href);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    if (path === '/files' && method === 'GET') return json({ files });
    if (path === '/files' && method === 'POST') {
      const form = init?.body as FormData;
      const blob = form.get('file') as File;
      const conversationId = form.get('conversationId');
      const file: UploadedFile = {
        id: `f${ids++}`,
        name: blob.name,
        mediaType: blob.type || 'text/plain',
        sizeBytes: blob.size,
        status: 'ready',
        scope: conversationId ? { type: 'private', conversationId: String(conversationId) } : { type: 'private' },
        createdAt: new Date().toISOString(),
      };
      files.unshift(file);
      return json({ file, duplicate: false }, 201);
    }
    if (path.startsWith('/files/') && method === 'DELETE') {
      files.splice(
        files.findIndex((f) => path.endsWith(f.id)),
        1,
      );
      return new Response(null, { status: 204 });
    }
    if (path === '/conversations' && method === 'POST') {
      return json({ conversation: { id: 'story', title: '', createdAt: at, updatedAt: at } }, 201);
    }
    if (path.endsWith('/export')) return new Response('# Story\n', { headers: { 'content-type': 'text/markdown' } });
    return next(input, init);
  };
}
