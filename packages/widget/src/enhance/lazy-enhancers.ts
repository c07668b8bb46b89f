import { loadOnce } from '../load-once.js';
import type { MarkdownEnhancers } from '../markdown/markdown-enhancers.js';

/** Which enhancements to load. */
export interface LazyEnhancerOptions {
  /** Render `$…$` / `$$…$$` math (default true). */
  math?: boolean;
}

// Highlighting and math run queued, a few milliseconds' worth per task: when a chunk arrives after a
// burst, every block waiting for it would otherwise be enhanced in one long task.
const queue: (() => void)[] = [];
function drain(): void {
  const started = performance.now();
  try {
    while (queue.length > 0 && performance.now() - started < 8) queue.shift()?.();
  } finally {
    if (queue.length > 0) setTimeout(drain);
  }
}
function later(job: () => void): void {
  if (queue.push(job) === 1) setTimeout(drain);
}

const loadHighlight = loadOnce(() => import('./highlight.js').then((m) => m.highlight));
const loadMath = loadOnce(() => import('./math.js').then((m) => m.math));

/**
 * Enhancers that load syntax highlighting and math rendering the first time a code block with a
 * language or a math node appears (separate chunks, fetched with `import()`), so an answer without
 * code or math costs nothing and the stream never waits for them: the plain text shows until the chunk
 * arrives, then the node is enhanced in place.
 *
 * @example
 * const md = document.createElement('cc-markdown');
 * md.enhancers = createLazyEnhancers({ math: false });
 */
export function createLazyEnhancers(options: LazyEnhancerOptions = {}): MarkdownEnhancers {
  const enhancers: MarkdownEnhancers = {
    code(code, lang, text) {
      loadHighlight().then(
        (highlight) => later(() => highlight(code, lang, text)),
        () => {},
      );
    },
  };
  if (options.math !== false) {
    enhancers.math = (node, tex, display) => {
      loadMath().then(
        (math) => later(() => math(node, tex, display)),
        () => {},
      );
    };
  }
  return enhancers;
}
