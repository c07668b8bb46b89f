import { checkCount, unreadable } from './parse-errors.js';
import type { DocumentBlock } from './parsed-document.js';

const MAX_DEPTH = 64;

/**
 * Flattens JSON into one `path.to[0].key: value` line per leaf, so each fact keeps its context when
 * chunks are retrieved. Depth is bounded by the iterative walk, the number of leaves by `maxRows`.
 */
export function parseJson(text: string, maxRows: number): DocumentBlock[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unreadable('JSON', error);
  }
  const blocks: DocumentBlock[] = [];
  const stack: Array<[string, unknown, number]> = [['', value, 0]];
  while (stack.length > 0) {
    const [path, node, depth] = stack.pop()!;
    if (node !== null && typeof node === 'object') {
      // Paths grow with depth, so deep nesting would cost quadratic memory; real documents stay shallow.
      checkCount(depth + 1, MAX_DEPTH, 'levels of nesting');
      const entries = Array.isArray(node)
        ? node.map((v, i): [string, unknown, number] => [`${path}[${i}]`, v, depth + 1])
        : Object.entries(node).map(([k, v]): [string, unknown, number] => [
            path ? `${path}.${keyPart(k)}` : keyPart(k),
            v,
            depth + 1,
          ]);
      // Pushed in reverse so lines come out in document order.
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]!);
      continue;
    }
    const leaf = typeof node === 'string' ? node : JSON.stringify(node);
    checkCount(blocks.length + 1, maxRows, 'JSON values');
    blocks.push({ type: 'line', text: path ? `${path}: ${leaf}` : leaf });
  }
  return blocks;
}

function keyPart(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
}
