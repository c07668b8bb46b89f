/**
 * Keyset-pagination cursor for conversation listings: the (updatedAt, id) of the last item on a page.
 * Keyset rather than offset so a page stays correct while new messages reorder the list.
 */
export interface ConversationCursor {
  updatedAt: Date;
  id: string;
}

/** Encodes a cursor as an opaque URL-safe string. */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return btoa(`${cursor.updatedAt.getTime()}:${cursor.id}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Decodes a cursor; null for anything malformed (callers answer 400, never crash). */
export function decodeConversationCursor(value: string): ConversationCursor | null {
  try {
    const text = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const sep = text.indexOf(':');
    const ms = Number(text.slice(0, sep));
    const id = text.slice(sep + 1);
    if (sep <= 0 || !Number.isSafeInteger(ms) || id.length === 0) return null;
    return { updatedAt: new Date(ms), id };
  } catch {
    return null;
  }
}
