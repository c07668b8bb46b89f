import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';

const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const builtinFilter = new RegExp(`^(node:)?(${[...builtins].map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);

/**
 * Node built-ins stay external (workerd provides them under `nodejs_compat`), always as `node:` specifiers.
 * A CommonJS `require('events')` (pg is CommonJS) cannot stay a `require` in an ES module worker, so it
 * becomes a tiny module that imports the built-in, as wrangler's own bundler does.
 */
const nodeBuiltins: Plugin = {
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: builtinFilter }, (args) => {
      const name = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      if (args.kind === 'require-call') return { path: name, namespace: 'require-builtin' };
      return { path: name, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'require-builtin' }, (args) => ({
      contents: `import lib from '${args.path}'; module.exports = lib;`,
      loader: 'js',
    }));
  },
};

/**
 * Bundles a Worker entry into one ES module the way wrangler would (`workerd`/`worker`/`browser` export
 * conditions, plus `import`/`require` by kind, which esbuild adds; Node built-ins external). With `source`, workspace packages are bundled from their
 * TypeScript sources (`@company-chat/source` condition) so tests need no prior build.
 */
export async function bundleWorker(entry: string, outfile: string, options: { source?: boolean } = {}): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    // 'browser' honours package.json `browser` maps, which swap out Node-only files (the Anthropic SDK's
    // credential-file and agent-tool helpers) just as they do for wrangler.
    platform: 'browser',
    target: 'es2022',
    conditions: [...(options.source ? ['@company-chat/source'] : []), 'workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    external: ['cloudflare:*'],
    plugins: [nodeBuiltins],
    logLevel: 'error',
  });
}
