import katex from 'katex';
import { adoptSheet } from './adopt-sheet.js';

// MathML needs no fonts or KaTeX stylesheet; these rules only lay out display math and errors.
const mathTheme = `
.katex-display{display:block;margin:.5em 0;overflow-x:auto;overflow-y:hidden}
.katex-error{color:var(--cc-color-error)}
math{font-size:1.05em}
`;

// KaTeX's MathML output sets a `style` attribute in three places: its error node, \pmb (a text
// shadow) and \fcolorbox (a border). A strict CSP (no 'unsafe-inline' styles) refuses and reports each,
// so errors are rendered here instead, and those two commands map onto look-alikes without inline styles.
// \fcolorbox becomes a plain frame: KaTeX reads colour arguments raw, so a macro cannot pass them on;
// they are dropped through \@secondoftwo (a macro's arguments must be used in order from #1).
const CSP_SAFE_MACROS = { '\\pmb': '\\boldsymbol{#1}', '\\fcolorbox': '\\@secondoftwo{#1#2}{\\boxed{#3}}' };

const done = new WeakSet<HTMLElement>();

/**
 * Renders TeX into `node` as MathML with KaTeX (`trust: false`: no links, no HTML extensions; bounded
 * macro expansion for hostile input). Built as DOM nodes, never from an HTML string; TeX that does not
 * parse shows as typed.
 */
export function math(node: HTMLElement, tex: string, display: boolean): void {
  if (done.has(node)) return;
  done.add(node);
  const target = document.createElement('span');
  try {
    katex.render(tex, target, {
      displayMode: display,
      output: 'mathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxExpand: 1000,
      maxSize: 50,
      // A fresh object each time: KaTeX stores \gdef definitions in it.
      macros: { ...CSP_SAFE_MACROS },
    });
  } catch (error) {
    target.replaceChildren();
    const failed = document.createElement('span');
    failed.className = 'katex-error';
    failed.title = error instanceof Error ? error.message : String(error);
    failed.textContent = tex;
    target.append(failed);
  }
  adoptSheet(node, mathTheme);
  node.replaceChildren(...target.childNodes);
}
