// The lazily loaded UI chunks of the script-tag build (conversation list, "More actions", feedback,
// error notice, message actions, sources) use the main bundle's Lit instead of each carrying a copy (~8 KB min+gz
// each): one Lit per page, and UI that the first paint does not need can leave company-chat.js.
//
// A chunk cannot simply `import` from company-chat.js: the page may load the script under another URL
// (a query string, a renamed or re-hosted copy), and a second URL would evaluate the whole widget again.
// So the modules are handed over instead. Each chunk is built as
//
//   export function connect(modules) { ...keep `modules`...; return import('<the element's module>'); }
//
// where every import of a shared module (Lit, strings, icons, theme styles) reads from `modules`;
// esbuild initializes the element's module lazily, so its classes are defined only once `connect` has
// run. The main bundle imports a chunk as `import('./cc-sidebar.js').then(connectChunk)`: in this build
// `connectChunk` (src/connect-chunk.ts) calls `connect` with the exports the chunks use (nothing else is
// kept alive in the main bundle). No globals, no eval: strict CSP still holds.
import { basename, join } from 'node:path';
import { build as esbuild } from 'esbuild';

const LIT = /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/;

/**
 * @typedef {object} SharedModule
 * @property {string} path The module's resolved path.
 * @property {string[]} names The exports that the chunks use.
 */

/**
 * Builds the UI chunks into `options.outdir`.
 *
 * @param {object} options
 * @param {string} options.root The widget package.
 * @param {Record<string, string>} options.entries Chunk name → element module (relative to `root`).
 * @param {string[]} options.shared Modules the chunks take from the main bundle: package specifiers or
 *   paths relative to `root`. Any other Lit module a chunk imports fails the build (no second Lit).
 * @param {import('esbuild').BuildOptions} options.options esbuild options (outdir, conditions, plugins, ...).
 * @returns {Promise<{ files: Map<string, string>, shared: SharedModule[] }>} Chunk file names by absolute
 *   source path, and the shared modules in the order `connect` takes them.
 */
export async function buildUiChunks({ root, entries, shared, options }) {
  const entryPoints = Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)]));
  const base = { ...options, bundle: true, format: 'esm', splitting: false, metafile: true };

  // Pass 1: the shared modules external, to learn which of their exports the chunks import.
  const probe = await esbuild({
    ...base,
    entryPoints,
    minify: false,
    write: false,
    plugins: [
      sharedModules(root, shared, (i) => ({ path: `cc-shared:${i}`, external: true })),
      ...(options.plugins ?? []),
    ],
  });
  const names = shared.map(() => new Set());
  for (const file of probe.outputFiles) {
    for (const m of file.text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"cc-shared:(\d+)"/g)) {
      for (const spec of (m[1] ?? '').split(',')) names[Number(m[2])]?.add(spec.trim().split(/\s+as\s+/)[0]);
    }
    // Anything but `import { a, b } from` (a namespace or default import) would miss names.
    if (file.text.replace(/import\s*\{[^}]*\}\s*from\s*"cc-shared:\d+"/g, '').includes('"cc-shared:')) {
      throw new Error(`ui-chunks: import shared modules by name in ${basename(file.path)}`);
    }
  }
  const paths = [];

  // Pass 2: each shared module read from what `connect` received.
  const result = await esbuild({
    ...base,
    entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, path]) => [name, `cc-ui-entry:${path}`])),
    plugins: [
      {
        name: 'ui-chunk-connect',
        setup(build) {
          build.onResolve({ filter: /^cc-ui-entry:/ }, (args) => ({
            path: args.path.slice(12),
            namespace: 'cc-ui-entry',
          }));
          build.onLoad({ filter: /.*/, namespace: 'cc-ui-entry' }, (args) => ({
            contents: `import { provide } from 'cc-shared:registry';
export function connect(modules) { provide(modules); return import(${JSON.stringify(args.path)}); }`,
            resolveDir: root,
          }));
          build.onResolve({ filter: /^cc-shared:registry$/ }, () => ({ path: 'registry', namespace: 'cc-shared' }));
          build.onLoad({ filter: /^registry$/, namespace: 'cc-shared' }, () => ({
            contents:
              'let modules; export function provide(m) { modules = m; } export function take(i) { return modules[i]; }',
          }));
          build.onLoad({ filter: /^\d+$/, namespace: 'cc-shared' }, (args) => ({
            contents: `import { take } from 'cc-shared:registry';
export const { ${[...(names[Number(args.path)] ?? [])].join(', ')} } = take(${args.path});`,
            resolveDir: root,
          }));
        },
      },
      sharedModules(root, shared, (i, path) => {
        paths[i] = path;
        return { path: String(i), namespace: 'cc-shared' };
      }),
      ...(options.plugins ?? []),
    ],
  });
  const files = new Map();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (output.entryPoint) files.set(output.entryPoint.replace(/^cc-ui-entry:/, ''), basename(file));
  }
  return { files, shared: shared.map((spec, i) => ({ path: paths[i] ?? spec, names: [...(names[i] ?? [])] })) };
}

/**
 * Resolves every import as usual, then hands a shared module's to `use(index, path)`; a Lit module that
 * is not shared fails the build.
 *
 * @param {string} root
 * @param {string[]} shared
 * @param {(index: number, path: string) => import('esbuild').OnResolveResult} use
 * @returns {import('esbuild').Plugin}
 */
function sharedModules(root, shared, use) {
  return {
    name: 'ui-chunk-shared-modules',
    setup(build) {
      /** @type {Promise<string[]> | null} */
      let paths = null;
      const resolve = async (path, resolveDir, kind = 'import-statement') => {
        const result = await build.resolve(path, { kind, resolveDir, pluginData: 'ui-chunks' });
        if (result.errors.length > 0) throw new Error(`ui-chunks: cannot resolve ${path}`);
        return result.path;
      };
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'ui-chunks' || args.namespace !== 'file' || args.kind === 'entry-point') return;
        paths ??= Promise.all(shared.map((spec) => (spec.startsWith('.') ? join(root, spec) : resolve(spec, root))));
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'ui-chunks',
        });
        if (resolved.errors.length > 0) return;
        const i = (await paths).indexOf(resolved.path);
        if (i >= 0) return use(i, resolved.path);
        if (LIT.test(resolved.path)) {
          return { errors: [{ text: `ui-chunks: ${args.path} would bundle a second copy of Lit; share it` }] };
        }
        return resolved;
      });
    },
  };
}

/**
 * The script-tag build's `src/connect-chunk.ts`: `connectChunk(chunk)` hands a loaded UI chunk the main
 * bundle's copies of the shared modules (only the exports the chunks use) and settles with the element
 * module's exports once its elements are defined.
 *
 * @param {SharedModule[]} shared
 */
export function uiChunkConnect(shared) {
  const imports = shared.map(
    (m, i) => `import { ${m.names.map((n) => `${n} as m${i}_${n}`).join(', ')} } from ${JSON.stringify(m.path)};`,
  );
  const modules = shared.map((m, i) => `{ ${m.names.map((n) => `${n}: m${i}_${n}`).join(', ')} }`);
  return `${imports.join('\n')}
export function connectChunk(chunk) { return chunk.connect([${modules.join(', ')}]); }`;
}
