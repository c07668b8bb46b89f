/** Hooks that enhance finished markdown nodes after they are in the DOM (syntax highlighting, math). */
export interface MarkdownEnhancers {
  /** Called once per finished fenced code block that names a language, after it is in the DOM. */
  code?(code: HTMLElement, lang: string, text: string): void;
  /** Called once per finished math node, after it is in the DOM. */
  math?(node: HTMLElement, tex: string, display: boolean): void;
}
