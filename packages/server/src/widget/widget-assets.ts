/**
 * The widget's files as the server serves them. Passed in rather than read here, so the app stays
 * runtime-agnostic (Workers have no file system): the Node and Bun adapters read them from
 * `@company-chat/widget` with {@link loadWidgetAssets} (`@company-chat/server/node`).
 */
export interface WidgetAssets {
  /** The built `company-chat.js` (one self-contained ES module). */
  script: string;
  /** The demo page served at `/` (page mode). Omit to serve no page. */
  demoPage?: string;
  /**
   * The lazily loaded chunks of the script (syntax highlighting, math, UI loaded on first use) by file name, e.g.
   * `highlight-3FQX2K7A.js`. Their names carry a content hash, so they are served as immutable.
   */
  chunks?: Readonly<Record<string, string>>;
}

/** Path where the widget file is served, stable across versions so other sites can use it in script tags. */
export const WIDGET_SCRIPT_PATH = '/widget/company-chat.js';

/** Folder under which the lazy chunks are served, next to the script (they import each other relatively). */
export const WIDGET_CHUNKS_PATH = '/widget/chunks';
