/**
 * Finishes loading a lazily imported UI module (`import('./cc-sidebar.js').then(connectChunk)`).
 *
 * Built for bundlers (the library entry), such a module imports Lit like any other and is returned as
 * it is. The script-tag build replaces this module with one that hands each lazily loaded UI chunk the
 * main bundle's Lit and shared modules before its elements are defined, so no chunk carries a second
 * copy of Lit (see scripts/ui-chunks.mjs); the promise then settles with the module's exports.
 */
export function connectChunk<T>(module: T): T | Promise<T> {
  return module;
}
