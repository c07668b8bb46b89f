import { describe, expect, it } from 'vitest';
import { activePath, newestLeafUnder, withSiblings } from './conversation-tree.js';
import type { Message } from './types.js';

const m = (id: string, parentId: string | null, role: Message['role'] = 'user') =>
  ({ id, parentId, role, content: id }) as Message;

// u1 ─ a1
//    └ a2 ─ u2 ─ a3
//         └ u3 ─ a4
const tree = [
  m('u1', null),
  m('a1', 'u1', 'assistant'),
  m('a2', 'u1', 'assistant'),
  m('u2', 'a2'),
  m('a3', 'u2', 'assistant'),
  m('u3', 'a2'),
  m('a4', 'u3', 'assistant'),
];

describe('conversation tree', () => {
  it('walks the active path from the root to the leaf', () => {
    expect(activePath(tree, 'a3').map((x) => x.id)).toEqual(['u1', 'a2', 'u2', 'a3']);
    expect(activePath(tree, 'a1').map((x) => x.id)).toEqual(['u1', 'a1']);
    // Unknown or missing leaf: the newest message's branch.
    expect(activePath(tree, null).map((x) => x.id)).toEqual(['u1', 'a2', 'u3', 'a4']);
    expect(activePath(tree, 'gone').map((x) => x.id)).toEqual(['u1', 'a2', 'u3', 'a4']);
    expect(activePath([], null)).toEqual([]);
  });

  it('lists siblings for every message on the path', () => {
    const path = withSiblings(activePath(tree, 'a3'), tree);
    expect(path.map((x) => [x.id, x.siblingIds])).toEqual([
      ['u1', ['u1']],
      ['a2', ['a1', 'a2']],
      ['u2', ['u2', 'u3']],
      ['a3', ['a3']],
    ]);
  });

  it('follows the newest child down to a leaf', () => {
    expect(newestLeafUnder(tree, 'u2')).toBe('a3');
    expect(newestLeafUnder(tree, 'a2')).toBe('a4');
    expect(newestLeafUnder(tree, 'a1')).toBe('a1');
    expect(newestLeafUnder(tree, 'nope')).toBeNull();
  });

  it('survives a cycle in corrupted data', () => {
    expect(activePath([m('x', 'y'), m('y', 'x')], 'x').map((n) => n.id)).toEqual(['y', 'x']);
  });
});
