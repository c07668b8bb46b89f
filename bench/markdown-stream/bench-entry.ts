// Bundled by run.mjs for the page: the real <cc-markdown> element plus a naive full re-render baseline
// built from the same parser and renderer (so the difference is the incremental strategy alone).
import { CcMarkdown } from '../../packages/widget/src/markdown/cc-markdown.js';
import { IncrementalMarkdown } from '../../packages/widget/src/markdown/incremental-markdown.js';
import { lexMarkdown } from '../../packages/widget/src/markdown/markdown-lexer.js';
import { type RenderContext, renderBlock } from '../../packages/widget/src/markdown/render-markdown.js';

const context: RenderContext = {
  imageOrigins: new Set(),
  strings: { copyCode: 'Copy code', codeLabel: 'code', imageBlocked: 'image not loaded' },
  copy() {},
};

const parseAll = (text: string) => lexMarkdown(text, {}, true);

/**
 * Re-parses and re-renders the whole text on each token. `diff`: the new nodes replace the children of
 * the same container; `rebuild`: the container itself is built afresh, as innerHTML-based renderers do.
 */
function naiveRender(container: HTMLElement, text: string, mode: 'diff' | 'rebuild'): HTMLElement {
  let target = container;
  if (mode === 'rebuild') {
    target = document.createElement('div');
    container.replaceWith(target);
  }
  target.replaceChildren(...parseAll(text).flatMap((t) => renderBlock(t, context) ?? []));
  return target;
}

async function streamIncremental(tokens: string[]) {
  const el = document.createElement('cc-markdown') as CcMarkdown;
  el.context = context;
  document.body.append(el);
  let text = '';
  let total = 0;
  let last = 0;
  for (const token of tokens) {
    text += token;
    const t0 = performance.now();
    el.content = text;
    await el.updateComplete;
    last = performance.now() - t0;
    total += last;
  }
  const html = el.shadowRoot!.innerHTML.length;
  el.remove();
  return { total, last, domSize: html };
}

async function streamNaive(tokens: string[], every: number, mode: 'diff' | 'rebuild') {
  let container = document.createElement('div');
  document.body.append(container);
  let text = '';
  let total = 0;
  let last = 0;
  let measured = 0;
  for (let i = 0; i < tokens.length; i++) {
    text += tokens[i];
    // With `every` > 1 only every n-th state is rendered (the rest extrapolated): for quick runs only.
    if (i % every !== 0 && i !== tokens.length - 1) continue;
    const t0 = performance.now();
    container = naiveRender(container, text, mode);
    await Promise.resolve();
    last = performance.now() - t0;
    total += last;
    measured++;
  }
  container.remove();
  return { total: (total / measured) * tokens.length, last, measured };
}

/** Parse-only cost of the last token, averaged over `reps` parsers primed with all but that token. */
function lastTokenParse(full: string, lastToken: string, reps: number) {
  const prefix = full.slice(0, full.length - lastToken.length);
  const parsers = Array.from({ length: reps }, () => {
    const md = new IncrementalMarkdown();
    md.update(prefix);
    return md;
  });
  let t0 = performance.now();
  for (const md of parsers) md.update(full);
  const incremental = (performance.now() - t0) / reps;
  const naiveReps = Math.max(3, Math.floor(reps / 20));
  t0 = performance.now();
  for (let i = 0; i < naiveReps; i++) parseAll(full);
  const naive = (performance.now() - t0) / naiveReps;
  return { incremental, naive };
}

Object.assign(window, {
  bench: { streamIncremental, streamNaive, lastTokenParse },
  CcMarkdown,
});
