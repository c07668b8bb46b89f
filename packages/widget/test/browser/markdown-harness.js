// Shared by the markdown browser tests: renders markdown through <cc-markdown> (one shot or streamed in
// seeded 1–4 character chunks) and normalises HTML the way the CommonMark spec's test harness does.
import { safeLinkUrl } from '../../dist/company-chat.js';

export const strings = { copyCode: 'Copy', codeLabel: 'Code', imageBlocked: 'Image blocked' };

/** A render context for tests: no image origin allowed unless given. */
export function context(extra = {}) {
  return { imageOrigins: new Set(), strings, copy() {}, ...extra };
}

/** A small deterministic PRNG (mulberry32), so chunkings are reproducible from a seed. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits text into chunks of 1–4 characters, chosen by the seed. */
export function chunk(text, seed) {
  const next = random(seed);
  const out = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(next() * 4);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** A fresh <cc-markdown> in the document. */
export function markdownElement(ctx = context()) {
  const el = document.createElement('cc-markdown');
  el.context = ctx;
  document.body.append(el);
  return el;
}

/** Renders `text` in one piece and returns the element once settled. */
export async function renderOnce(text, ctx) {
  const el = markdownElement(ctx);
  el.content = text;
  await el.settled;
  return el;
}

/** Streams `text` in seeded 1–4 character chunks (an update per chunk) and returns the element once settled. */
export async function renderStreamed(text, seed, ctx) {
  const el = markdownElement(ctx);
  el.streaming = true;
  let sofar = '';
  for (const piece of chunk(text, seed)) {
    sofar += piece;
    el.content = sofar;
    await el.updateComplete;
  }
  el.streaming = false;
  await el.settled;
  return el;
}

/** The rendered answer's container. */
export function body(el) {
  return el.shadowRoot.querySelector('.markdown');
}

const voidTags = new Set(['br', 'hr', 'img', 'input']);
// A line break's own newline is insignificant, as around block tags.
const blockTags = 'p|li|ul|ol|blockquote|h[1-6]|pre|table|thead|tbody|tr|th|td|hr|div|br';

function escapeText(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function serialize(node, inPre) {
  if (node.nodeType === Node.TEXT_NODE) {
    return escapeText(inPre ? node.data : node.data.replace(/\s+/g, ' '));
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const tag = node.localName;
  const attrs = [...node.attributes]
    .map((a) => [a.name, a.value])
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, v]) => ` ${n}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  if (voidTags.has(tag)) return `<${tag}${attrs}>`;
  const pre = inPre || tag === 'pre';
  const inner = [...node.childNodes].map((c) => serialize(c, pre)).join('');
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

/** Serialises a DOM subtree with sorted attributes and CommonMark's whitespace normalisation. */
export function normalize(root) {
  const html = [...root.childNodes].map((c) => serialize(c, false)).join('');
  return html.replace(new RegExp(`\\s*(</?(?:${blockTags})(?: [^>]*)?>)\\s*`, 'g'), '$1').trim();
}

/** The spec's expected HTML as a DOM tree, with links and images our policy refuses shown as we show them. */
export function expectedTree(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  const root = t.content;
  for (const a of root.querySelectorAll('a[href]')) {
    const safe = safeLinkUrl(a.getAttribute('href'));
    if (safe) {
      a.setAttribute('href', safe);
    } else {
      const span = document.createElement('span');
      span.className = 'unsafe-link';
      span.append(...a.childNodes);
      a.replaceWith(span);
    }
  }
  for (const img of root.querySelectorAll('img')) {
    const alt = img.getAttribute('alt') ?? '';
    const span = document.createElement('span');
    span.className = 'image-blocked';
    span.title = strings.imageBlocked;
    span.textContent = `[${strings.imageBlocked}${alt ? `: ${alt}` : ''}]`;
    img.replaceWith(span);
  }
  return root;
}

/** Our rendered DOM mapped back to plain CommonMark HTML where only our presentation differs. */
export function ourTree(el) {
  const root = body(el).cloneNode(true);
  for (const block of root.querySelectorAll('div.code-block')) {
    const code = block.querySelector('code');
    const text = code.textContent;
    const plain = document.createElement('code');
    if (code.dataset.lang) plain.className = `language-${code.dataset.lang}`;
    plain.textContent = text ? `${text}\n` : '';
    const pre = document.createElement('pre');
    pre.append(plain);
    block.replaceWith(pre);
  }
  for (const h of root.querySelectorAll('h3[class^="md-h"], h4[class^="md-h"]')) {
    const level = h.className.slice(4);
    const plain = document.createElement(`h${level}`);
    plain.append(...h.childNodes);
    h.replaceWith(plain);
  }
  for (const a of root.querySelectorAll('a')) {
    a.removeAttribute('target');
    a.removeAttribute('rel');
  }
  for (const wrap of root.querySelectorAll('div.table-wrap')) wrap.replaceWith(...wrap.childNodes);
  return root;
}
