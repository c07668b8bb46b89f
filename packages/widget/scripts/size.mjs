// Bundle budget: min+gz size of dist/company-chat.js (the script-tag build), failing past 45 KB.
// The UI that the first paint does not need is in lazy chunks that use the main bundle's Lit (see
// scripts/ui-chunks.mjs): the conversation list, "More actions", a message's actions and edit form, its
// sources with the passage viewer, feedback, the error notice; so is the client's answer-stream reader,
// fetched with the first message.
// The lazily loaded chunks (dist/chunks/) are reported separately, each with the shared chunk it imports,
// since a page downloads them only when it needs them.
// Prints deep-chat's published bundle size for reference when that package is installed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 45 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'dist', 'company-chat.js');
const chunksDir = join(root, 'dist', 'chunks');
if (!existsSync(file)) {
  console.error('dist/company-chat.js is missing: run `pnpm -F @company-chat/widget build` first.');
  process.exit(1);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const measure = (path) => {
  const source = readFileSync(path);
  return { min: source.length, gz: gzipSync(source, { level: 9 }).length };
};

const ours = measure(file);
console.log(`company-chat.js                  min ${kb(ours.min)}  min+gz ${kb(ours.gz)}  (budget ${kb(BUDGET)})`);

if (existsSync(chunksDir)) {
  const names = readdirSync(chunksDir).filter((name) => name.endsWith('.js'));
  for (const name of names.filter((n) => !n.startsWith('shared-'))) {
    const path = join(chunksDir, name);
    // Static imports of a lazy chunk load with it: count them in.
    const imports = [...readFileSync(path, 'utf8').matchAll(/from"\.\/([\w-]+\.js)"/g)].map((m) => m[1]);
    const sizes = [path, ...imports.map((i) => join(chunksDir, i))].map(measure);
    const total = sizes.reduce((a, s) => ({ min: a.min + s.min, gz: a.gz + s.gz }), { min: 0, gz: 0 });
    const label = `chunks/${name}`.padEnd(33);
    console.log(
      `${label}min ${kb(total.min)}  min+gz ${kb(total.gz)}  (lazy${imports.length ? `, with ${imports.join(', ')}` : ''})`,
    );
  }
}

try {
  const require = createRequire(join(root, 'package.json'));
  const pkgDir = dirname(require.resolve('deep-chat/package.json'));
  const candidates = ['dist/deepChat.bundle.js', 'dist/deepChat.js'].map((p) => join(pkgDir, p));
  const bundle = candidates.find(existsSync);
  if (bundle) {
    const theirs = measure(bundle);
    console.log(
      `deep-chat                        min ${kb(theirs.min)}  min+gz ${kb(theirs.gz)}  (reference: ${bundle.slice(pkgDir.length + 1)})`,
    );
    console.log(`ratio                            ${(theirs.gz / ours.gz).toFixed(1)}x smaller than deep-chat`);
  }
} catch {
  console.log('deep-chat                        not installed (optional reference)');
}

if (ours.gz > BUDGET) {
  console.error(`FAIL: ${kb(ours.gz)} exceeds the ${kb(BUDGET)} budget.`);
  process.exit(1);
}
console.log('OK: within budget.');
