// Bundled by run.mjs for the page: the real <cc-markdown> element, fed a growing text 3 characters at
// a time, as a streaming answer is.
import { CcMarkdown, type RenderContext } from '@company-chat/widget';

const context: RenderContext = {
  imageOrigins: new Set(),
  strings: { copyCode: 'Copy code', codeLabel: 'code', imageBlocked: 'image not loaded' },
  copy() {},
};

/** Streams `text` in steps of `step` characters; resolves with the time spent in updates. */
async function stream(text: string, step: number) {
  const el = document.createElement('cc-markdown') as CcMarkdown;
  el.context = context;
  document.body.append(el);
  let update = 0;
  const start = performance.now();
  for (let i = step; i < text.length + step; i += step) {
    const t0 = performance.now();
    el.content = text.slice(0, i);
    await el.updateComplete;
    update += performance.now() - t0;
  }
  const wall = performance.now() - start;
  const nodes = el.shadowRoot?.querySelectorAll('*').length ?? 0;
  el.remove();
  return { update, wall, nodes };
}

Object.assign(window, { bench: { stream }, CcMarkdown });
