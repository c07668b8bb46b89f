// Size budget: what @company-chat/react adds on top of the widget, min+gz. Bundles src/index.ts with
// esbuild, minified, with React, the widget and the client external (the app has them anyway), and
// fails past 5 KB. @lit/react is bundled: it is part of what this package adds.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 5 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(root, 'src', 'index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  conditions: ['@company-chat/source', 'browser', 'module', 'import', 'default'],
  external: ['react', 'react-dom', '@company-chat/widget', '@company-chat/core/client', '@company-chat/core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
const gz = gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log(
  `@company-chat/react  min ${kb(code.length)}  min+gz ${kb(gz)}  (budget ${kb(BUDGET)} on top of the widget)`,
);
if (gz > BUDGET) {
  console.error(`FAIL: ${kb(gz)} exceeds the ${kb(BUDGET)} budget.`);
  process.exit(1);
}
console.log('OK: within budget.');
