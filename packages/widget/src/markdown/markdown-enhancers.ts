/**
 * Optional hooks that upgrade finished parts of a rendered answer after they are in the DOM, such as
 * syntax highlighting of code blocks or typesetting of math. The renderer calls each hook at most once
 * per node and only for blocks that can no longer change, so an enhancer may rewrite the node's children
 * freely (through DOM APIs, never `innerHTML` with model text).
 *
 * @example
 * ```ts
 * markdown.enhancers = {
 *   code(code, lang, text) { highlightInto(code, lang, text); },
 *   math(node, tex, display) { typesetInto(node, tex, display); },
 * };
 * ```
 */
export interface MarkdownEnhancers {
  /** Called once per finished fenced code block that names a language, after it is in the DOM. */
  code?(code: HTMLElement, lang: string, text: string): void;
  /** Called once per finished math node, after it is in the DOM. */
  math?(node: HTMLElement, tex: string, display: boolean): void;
}
