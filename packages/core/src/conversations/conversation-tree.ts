import type { Message } from './types.js';

/** A message on the active path, with the ids of its siblings (itself included), oldest first. */
export type PathMessage = Message & { siblingIds: string[] };

/**
 * The branch being shown: from the root down to `leafId` (or to the newest message when the leaf is
 * unknown). Messages form a tree through `parentId`; regenerating or editing adds a sibling.
 */
export function activePath(messages: readonly Message[], leafId: string | null): Message[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  let cursor = (leafId ? byId.get(leafId) : undefined) ?? messages[messages.length - 1];
  const path: Message[] = [];
  const seen = new Set<string>();
  while (cursor && !seen.has(cursor.id)) {
    seen.add(cursor.id);
    path.push(cursor);
    cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
  }
  return path.reverse();
}

/** Adds each message's sibling ids (messages with the same parent), in creation order. */
export function withSiblings(path: readonly Message[], messages: readonly Message[]): PathMessage[] {
  const children = new Map<string | null, string[]>();
  for (const m of messages) {
    const list = children.get(m.parentId) ?? [];
    list.push(m.id);
    children.set(m.parentId, list);
  }
  return path.map((m) => ({ ...m, siblingIds: children.get(m.parentId) ?? [m.id] }));
}

/**
 * The leaf to show when the user picks `messageId` (e.g. a sibling): follow the newest child down
 * to the end, so switching to a branch shows all of it. Null when the message is not in the list.
 */
export function newestLeafUnder(messages: readonly Message[], messageId: string): string | null {
  if (!messages.some((m) => m.id === messageId)) return null;
  let current = messageId;
  for (;;) {
    let newest: Message | undefined;
    for (const m of messages) if (m.parentId === current) newest = m; // oldest first, so the last one wins
    if (!newest) return current;
    current = newest.id;
  }
}
