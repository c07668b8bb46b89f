/** One member of a JSON array (its index) or object (its key), as a range of the text holding its value. */
export interface JsonMember {
  key: string | number;
  from: number;
  to: number;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * The members of the JSON array or object in `text` from `from` to `to`, found by scanning its
 * structure (strings and nesting) without building any value; `undefined` when the range holds no
 * array or object. Each value is left for `JSON.parse` to read and check; a malformed structure
 * between values throws a `SyntaxError`, as `JSON.parse` would.
 */
export function jsonMembers(text: string, from: number, to: number): JsonMember[] | undefined {
  let i = skipSpace(text, from, to);
  const open = text[i];
  if (open !== '[' && open !== '{') return undefined;
  const close = open === '[' ? ']' : '}';
  const members: JsonMember[] = [];
  i = skipSpace(text, i + 1, to);
  if (text[i] !== close) {
    for (let index = 0; ; index++) {
      let key: string | number = index;
      if (open === '{') {
        if (text.charCodeAt(i) !== QUOTE) throw malformed(i);
        const end = stringEnd(text, i, to);
        key = JSON.parse(text.slice(i, end)) as string;
        i = skipSpace(text, end, to);
        if (text[i] !== ':') throw malformed(i);
        i = skipSpace(text, i + 1, to);
      }
      const end = valueEnd(text, i, to);
      members.push({ key, from: i, to: end });
      i = skipSpace(text, end, to);
      if (text[i] === close) break;
      if (text[i] !== ',') throw malformed(i);
      i = skipSpace(text, i + 1, to);
    }
  }
  if (i >= to || skipSpace(text, i + 1, to) !== to) throw malformed(i);
  return members;
}

function skipSpace(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

/** Just past the closing quote of the string opening at `i`. */
function stringEnd(text: string, i: number, to: number): number {
  for (let j = i + 1; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  throw malformed(i);
}

/** Where the value starting at `i` ends: the `,` or closing bracket after it at its own level. */
function valueEnd(text: string, i: number, to: number): number {
  let depth = 0;
  for (let j = i; j < to; j++) {
    const c = text[j];
    if (c === '"') j = stringEnd(text, j, to) - 1;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) return j;
      depth--;
    } else if (c === ',' && depth === 0) return j;
  }
  throw malformed(i);
}

function malformed(at: number): SyntaxError {
  return new SyntaxError(`Unexpected JSON structure at position ${at}`);
}
