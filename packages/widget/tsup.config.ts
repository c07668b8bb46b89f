import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type BuildOptions, build as esbuild, type Plugin } from 'esbuild';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig } from 'tsup';
import { markedLexerOnly } from './scripts/marked-lexer-only.mjs';
import { templateMinifyOptions } from './scripts/template-minify-options.js';
import { buildUiChunks, uiChunkConnect } from './scripts/ui-chunks.mjs';

// Lit records its versions on globalThis (`litHtmlVersions`, ...) and keeps decorator metadata in a
// global `litPropertyMetadata`. The script-tag bundle must leak nothing onto the host page, so those
// statements are rewritten in the bundled copy of Lit (checked by test/browser/embedding.test.js).
const dropLitVersionGlobals: Plugin = {
  name: 'drop-lit-version-globals',
  setup(build) {
    build.onLoad({ filter: /[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/].*\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      source = source.replace(
        /\(\w+\.(?:litHtmlVersions|litElementVersions|reactiveElementVersions)\?\?=\[\]\)\.push\("[^"]*"\)/g,
        'void 0',
      );
      // `litPropertyMetadata` (for decorators, which we do not use) becomes module-scoped instead of global.
      if (/\w+\.litPropertyMetadata\?\?=new WeakMap/.test(source)) {
        source = `var litPropertyMetadata=new WeakMap;${source.replace(/\w+\.litPropertyMetadata\?\?=new WeakMap/, 'void 0')}`;
      }
      return { contents: source, loader: 'js' };
    });
  },
};

// esbuild minifies code, not the markup inside Lit's css`` and html`` literals: minify-literals does,
// for the script-tag build (Lightning CSS for styles, html-minifier for templates). Whitespace in
// templates collapses conservatively, to one space and never to none: between inline elements a space
// is content. The markup is otherwise kept as written (scripts/template-minify-options.ts), checked by
// test/template-minify.test.ts.
const minifyLiterals: Plugin = {
  name: 'minify-literals',
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/\b(css|html|svg)`/.test(source)) return { contents: source, loader: 'ts' };
      const minified = await minifyHTMLLiterals(source, {
        fileName: args.path,
        html: templateMinifyOptions,
        cssTags: ['css'],
        sourceMap: false,
      });
      return { contents: minified?.code ?? source, loader: 'ts' };
    });
  },
};

const scriptTagConditions = ['@company-chat/source', 'module', 'browser', 'import', 'default'];

// The lazily loaded parts of the script-tag build. They are built in their own esbuild passes and the
// main bundle's `import()` of them becomes an import of the hashed file: built together in one
// splitting pass, esbuild would move the helpers they share with the main bundle into a chunk that
// company-chat.js then imports eagerly, and the script would no longer be one self-contained file.
const ENHANCER_CHUNKS = {
  highlight: 'src/enhance/highlight.ts',
  math: 'src/enhance/math.ts',
  // The client's answer-stream reader and its SSE parser, fetched while the first message is sent.
  'read-sse': '../core/src/client/read-sse-events.ts',
};
// UI that the first paint does not need, imported as `import('./x.js').then(connectChunk)`. These
// chunks take Lit (and the modules below) from the main bundle when they load (scripts/ui-chunks.mjs),
// so each costs only its own code.
const UI_CHUNKS = {
  sidebar: 'src/elements/cc-sidebar.ts',
  tools: 'src/tools/cc-chat-tools.ts',
  feedback: 'src/elements/cc-feedback.ts',
  'error-notice': 'src/elements/cc-error-notice.ts',
  citations: 'src/citations/cc-citations.ts',
  actions: 'src/message-actions/cc-message-actions.ts',
};
const SHARED_WITH_UI_CHUNKS = [
  'lit',
  'lit/directives/repeat.js',
  './src/define-element.ts',
  './src/strings.ts',
  './src/icons.ts',
  './src/theme-styles.ts',
  './src/errors/employee-error.ts',
  './src/elements/text-field-styles.ts',
];

const chunkOptions = {
  minify: true,
  target: 'es2022',
  platform: 'browser',
  conditions: scriptTagConditions,
  legalComments: 'none',
  outdir: 'dist/chunks',
  entryNames: '[name]-[hash]',
} satisfies BuildOptions;

const lazyChunks: Plugin = {
  name: 'lazy-chunks',
  setup(build) {
    const root = process.cwd();
    let built: Promise<{ files: Map<string, string>; ui: Map<string, string>; shared: string[] }> | null = null;
    const buildChunks = async () => {
      const [enhancers, ui] = await Promise.all([
        esbuild({
          ...chunkOptions,
          entryPoints: ENHANCER_CHUNKS,
          bundle: true,
          format: 'esm',
          splitting: true,
          chunkNames: 'shared-[hash]',
          metafile: true,
          plugins: [dropLitVersionGlobals, minifyLiterals],
        }),
        buildUiChunks({
          root,
          entries: UI_CHUNKS,
          shared: SHARED_WITH_UI_CHUNKS,
          options: { ...chunkOptions, plugins: [minifyLiterals] },
        }),
      ]);
      const files = new Map<string, string>();
      for (const [file, output] of Object.entries(enhancers.metafile.outputs)) {
        if (output.entryPoint) files.set(join(root, output.entryPoint), basename(file));
      }
      return { files, ui: ui.files, shared: ui.shared };
    };
    const lazySources = [...Object.values(ENHANCER_CHUNKS), ...Object.values(UI_CHUNKS)].map((p) => join(root, p));
    build.onResolve({ filter: /^\.\.?\/[\w./-]+\.js$/ }, async (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const source = join(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (!lazySources.includes(source)) return undefined;
      built ??= buildChunks();
      const { files, ui } = await built;
      const file = files.get(source) ?? ui.get(source);
      return file ? { path: `./chunks/${file}`, external: true } : undefined;
    });
    // src/connect-chunk.ts, as the script-tag build needs it: the UI chunks get the main bundle's modules.
    build.onResolve({ filter: /[\\/]connect-chunk\.js$/ }, (args) => ({
      path: join(args.resolveDir, args.path),
      namespace: 'ui-chunk-connect',
    }));
    build.onLoad({ filter: /.*/, namespace: 'ui-chunk-connect' }, async () => {
      built ??= buildChunks();
      const { shared } = await built;
      return { contents: uiChunkConnect(shared), resolveDir: root, loader: 'js' };
    });
  },
};

export default defineConfig([
  {
    // The library entry for bundlers: lit, @company-chat/core and the highlighting and math libraries stay
    // external (deduplicated by the app); the lazy enhancers stay dynamic imports, i.e. the app's chunks.
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    // `pnpm start` builds without declarations (COMPANY_CHAT_BUILD_DECLARATIONS=0): running needs only JS.
    dts: process.env.COMPANY_CHAT_BUILD_DECLARATIONS !== '0',
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'browser',
  },
  {
    // The script-tag build: one self-contained, minified ES module with Lit and the client inside, plus
    // the lazily imported highlighting, math and tools chunks next to it (`chunks/<name>-<content hash>.js`,
    // resolved relative to company-chat.js, so they load from wherever the script is served).
    entry: { 'company-chat': 'src/index.ts' },
    format: ['esm'],
    splitting: false,
    dts: false,
    sourcemap: false,
    clean: false,
    minify: true,
    // ES2022 keeps private class members (#x) native: lowered to ES2021 they become WeakMap helper calls,
    // about 2 KB min+gz of this bundle. Native private members: Chrome/Edge 84+, Firefox 90+, Safari 15+.
    target: 'es2022',
    platform: 'browser',
    noExternal: [/.*/],
    esbuildPlugins: [dropLitVersionGlobals, minifyLiterals, markedLexerOnly, lazyChunks],
    // Built from the workspace sources, so the bundle never depends on a stale core dist/.
    esbuildOptions(options) {
      options.conditions = scriptTagConditions;
      options.legalComments = 'none';
    },
    outExtension: () => ({ js: '.js' }),
  },
]);
