import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { markedLexerOnly } from './scripts/marked-lexer-only.mjs';

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

// esbuild minifies code, not the CSS inside Lit's css`` literals: collapse their whitespace and comments
// for the script-tag build. Only literals without `${}` are touched, so no expression is ever rewritten.
const minifyCssLiterals: Plugin = {
  name: 'minify-css-literals',
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/css`([^`$]*)`/g, (_, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
      return { contents, loader: 'ts' };
    });
  },
};

export default defineConfig([
  {
    // The library entry for bundlers: lit and @company-chat/core stay external (deduplicated by the app).
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'browser',
  },
  {
    // The script-tag build: one self-contained, minified ES module with Lit and the client inside.
    entry: { 'company-chat': 'src/index.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    minify: true,
    target: 'es2021',
    platform: 'browser',
    noExternal: [/.*/],
    esbuildPlugins: [dropLitVersionGlobals, minifyCssLiterals, markedLexerOnly],
    // Built from the workspace sources, so the bundle never depends on a stale core dist/.
    esbuildOptions(options) {
      options.conditions = ['@company-chat/source', 'module', 'browser', 'import', 'default'];
      options.legalComments = 'none';
    },
    outExtension: () => ({ js: '.js' }),
  },
]);
