import { type JsonMember, jsonMembers } from './json-members.js';
import { checkCount, unreadable } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

const MAX_DEPTH = 64;
/**
 * Containers larger than this (in characters) are walked member by member instead of parsed whole:
 * `JSON.parse` of a 20 MiB array builds an object graph several times the file's size, one member at
 * a time keeps only the member being flattened.
 */
const SPLIT_CHARS = 256 * 1024;

/**
 * Flattens JSON into one `path.to[0].key: value` line per leaf, so each fact keeps its context when
 * chunks are retrieved. Depth is bounded by the iterative walk, the number of leaves by `maxRows`.
 * Large arrays and objects are read one member at a time (memory bounded by the largest small member).
 */
export function parseJson(text: string, maxRows: number): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  try {
    walk(text, { key: '', from: 0, to: text.length }, '', 0, blocks, maxRows);
  } catch (error) {
    if (error instanceof SyntaxError) throw unreadable('JSON', error);
    throw error;
  }
  return blocks;
}

function walk(
  text: string,
  member: JsonMember,
  path: string,
  depth: number,
  blocks: DocumentBlock[],
  maxRows: number,
): void {
  if (member.to - member.from <= SPLIT_CHARS) {
    flatten(JSON.parse(text.slice(member.from, member.to)), path, depth, blocks, maxRows);
    return;
  }
  const members = jsonMembers(text, member.from, member.to);
  if (!members) {
    flatten(JSON.parse(text.slice(member.from, member.to)), path, depth, blocks, maxRows);
    return;
  }
  checkCount(depth + 1, MAX_DEPTH, 'levels of nesting');
  for (const child of members) {
    walk(text, child, childPath(path, child.key), depth + 1, blocks, maxRows);
  }
}

function flatten(value: unknown, root: string, rootDepth: number, blocks: DocumentBlock[], maxRows: number): void {
  const stack: Array<[string, unknown, number]> = [[root, value, rootDepth]];
  while (stack.length > 0) {
    const [path, node, depth] = stack.pop()!;
    if (node !== null && typeof node === 'object') {
      // Paths grow with depth, so deep nesting would cost quadratic memory; real documents stay shallow.
      checkCount(depth + 1, MAX_DEPTH, 'levels of nesting');
      const entries = Array.isArray(node)
        ? node.map((v, i): [string, unknown, number] => [childPath(path, i), v, depth + 1])
        : Object.entries(node).map(([k, v]): [string, unknown, number] => [childPath(path, k), v, depth + 1]);
      // Pushed in reverse so lines come out in document order.
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]!);
      continue;
    }
    const leaf = typeof node === 'string' ? node : JSON.stringify(node);
    checkCount(blocks.length + 1, maxRows, 'JSON values');
    blocks.push({ type: 'line', text: flat(path ? `${path}: ${leaf}` : leaf) });
  }
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${keyPart(key)}` : keyPart(key);
}

function keyPart(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * The string with its characters in one piece. V8 keeps a concatenation as a tree pointing at its parts,
 * so each JSON line would hold its whole chain of path prefixes; reading a character makes V8 copy the
 * line into one flat string and let the prefixes go (a 20 MiB JSON file's lines took a third of the memory).
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
