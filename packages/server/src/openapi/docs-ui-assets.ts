/**
 * The files of the API docs page (Swagger UI from `swagger-ui-dist`). Passed in rather than read here, so
 * the app stays runtime-agnostic: the Node and Bun adapters read them with `loadDocsUiAssets()`
 * (`@company-chat/server/node`); Workers serve the OpenAPI document without the page (the renderer is
 * about 1.7 MB, a large share of a Worker's size limit).
 */
export interface DocsUiAssets {
  /** The renderer's version: part of the asset URLs, so they can be cached as immutable. */
  version: string;
  /** `swagger-ui-bundle.js`. */
  script: string;
  /** `swagger-ui.css`. */
  css: string;
}

/** Where the docs page is served. */
export const DOCS_UI_PATH = '/api/docs';
