import type { Inline } from './markdown-types.js';

const punct = /[!-/:-@[-`{-~]/;
const urlRe = /^(?:https?:\/\/|mailto:)[^\s<]*[^\s<.,:;"')\]!?*_~]/i;
const urlStartRe = /^(?:https?:\/\/|mailto:)/i;
const autolinkRe = /^<((?:https?:\/\/|mailto:)[^\s<>]*)>/i;
const wordChar = /[\p{L}\p{N}]/u;
// Characters that may start markup (h/m: bare URLs); everything else is copied in runs.
const special = /[\\\n`![<*_~hHmM]/g;

/**
 * Parses inline markdown: code spans, `**strong**`, `*em*`, `~~del~~`, links, images, autolinks,
 * bare http(s) URLs, escapes and hard breaks. Everything else, raw HTML included, is text.
 * URLs are returned raw: the renderer decides what may become a link or load as an image.
 */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    // Copy the run of ordinary characters up to the next one that may start markup in one slice.
    special.lastIndex = i;
    const next = special.exec(src)?.index ?? src.length;
    if (next > i) {
      text += src.slice(i, next);
      i = next;
      if (i >= src.length) break;
    }
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      const n = src[i + 1]!;
      if (n === '\n') {
        flush();
        out.push({ type: 'br' });
        i += 2;
        continue;
      }
      if (punct.test(n)) {
        text += n;
        i += 2;
        continue;
      }
    }
    if (c === '\n') {
      // Two trailing spaces make a hard break; otherwise a soft break (rendered as a space by CSS).
      if (text.endsWith('  ')) {
        text = text.trimEnd();
        flush();
        out.push({ type: 'br' });
      } else {
        text = text.trimEnd() + '\n';
      }
      i++;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (src[i + n] === '`') n++;
      const close = findBacktickRun(src, i + n, n);
      if (close >= 0) {
        flush();
        let code = src.slice(i + n, close).replace(/\n/g, ' ');
        if (/^ .* $/.test(code) && code.trim()) code = code.slice(1, -1);
        out.push({ type: 'code', text: code });
        i = close + n;
        continue;
      }
      text += '`'.repeat(n);
      i += n;
      continue;
    }
    if (c === '!' && src[i + 1] === '[') {
      const link = parseLink(src, i + 1);
      if (link) {
        flush();
        out.push({ type: 'image', src: link.href, alt: plain(parseInline(link.label)) });
        i = link.end;
        continue;
      }
    }
    if (c === '[') {
      const link = parseLink(src, i);
      if (link) {
        flush();
        out.push({ type: 'link', href: link.href, children: parseInline(link.label) });
        i = link.end;
        continue;
      }
    }
    if (c === '<') {
      const m = autolinkRe.exec(src.slice(i, i + 2048));
      if (m) {
        flush();
        out.push({ type: 'link', href: m[1]!, children: [{ type: 'text', text: m[1]! }] });
        i += m[0].length;
        continue;
      }
    }
    if (
      (c === 'h' || c === 'H' || c === 'm' || c === 'M') &&
      urlStartRe.test(src.slice(i, i + 8)) &&
      !wordChar.test(src[i - 1] ?? ' ')
    ) {
      const m = urlRe.exec(src.slice(i, i + 2048));
      if (m) {
        flush();
        out.push({ type: 'link', href: m[0], children: [{ type: 'text', text: m[0] }] });
        i += m[0].length;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      const span = parseEmphasis(src, i);
      if (span) {
        flush();
        out.push({ type: span.type, children: parseInline(span.inner) });
        i = span.end;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

function findBacktickRun(src: string, from: number, n: number): number {
  for (let j = src.indexOf('`', from); j >= 0; j = src.indexOf('`', j)) {
    let k = 0;
    while (src[j + k] === '`') k++;
    if (k === n) return j;
    j += k;
  }
  return -1;
}

/** `[label](url "title")` or `[label](<url>)` starting at `[`; null when it is not a complete link. */
function parseLink(src: string, open: number): { label: string; href: string; end: number } | null {
  let depth = 0;
  let j = open;
  for (; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') j++;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) break;
  }
  if (j >= src.length || src[j + 1] !== '(') return null;
  const label = src.slice(open + 1, j);
  let k = j + 2;
  while (src[k] === ' ' || src[k] === '\n') k++;
  let href = '';
  if (src[k] === '<') {
    const close = src.indexOf('>', k);
    if (close < 0) return null;
    href = src.slice(k + 1, close);
    k = close + 1;
  } else {
    let parens = 0;
    const startHref = k;
    for (; k < src.length; k++) {
      const ch = src[k]!;
      if (ch === '\\') k++;
      else if (ch === '(') parens++;
      else if (ch === ')') {
        if (parens === 0) break;
        parens--;
      } else if (ch === ' ' || ch === '\n') break;
    }
    href = src.slice(startHref, k);
  }
  // An optional title, which we ignore.
  const rest = /^[ \n]*(?:"[^"]*"|'[^']*'|\([^)]*\))?[ \n]*\)/.exec(src.slice(k, k + 1024));
  if (!rest) return null;
  return { label, href, end: k + rest[0].length };
}

/** A delimited span (`**x**`, `__x__`, `*x*`, `_x_`, `~~x~~`) starting at `i`, or null. */
function parseEmphasis(src: string, i: number): { type: 'strong' | 'em' | 'del'; inner: string; end: number } | null {
  const c = src[i]!;
  let n = 0;
  while (src[i + n] === c) n++;
  if (c === '~' && n !== 2) return null;
  const len = c === '~' ? 2 : n >= 2 ? 2 : 1;
  const after = src[i + len];
  if (after === undefined || /\s/.test(after)) return null;
  // Intraword underscores (snake_case) are not emphasis.
  if (c === '_' && wordChar.test(src[i - 1] ?? ' ')) return null;
  const delim = c.repeat(len);
  for (let j = src.indexOf(delim, i + len); j >= 0; j = src.indexOf(delim, j + 1)) {
    if (j === i + len) continue;
    if (/\s/.test(src[j - 1]!)) continue;
    // For single delimiters, skip a double run (that belongs to a strong span inside).
    if (len === 1 && src[j + 1] === c && src[j - 1] !== c) {
      j++;
      continue;
    }
    if (c === '_' && wordChar.test(src[j + len] ?? ' ')) continue;
    const inner = src.slice(i + len, j);
    if (inner.includes('\n\n')) return null;
    return { type: c === '~' ? 'del' : len === 2 ? 'strong' : 'em', inner, end: j + len };
  }
  return null;
}

/** The text of inline nodes (image alt text). */
export function plain(nodes: Inline[]): string {
  return nodes
    .map((n) => ('children' in n ? plain(n.children) : n.type === 'br' ? '\n' : 'text' in n ? n.text : n.alt))
    .join('');
}
