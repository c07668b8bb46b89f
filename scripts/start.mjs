#!/usr/bin/env node
// `pnpm start`: build only the packages the server needs whose output is missing or older than their
// inputs, without type declarations (only `pnpm build` and publishing need those), then run the CLI.
// A restart after a configuration change therefore starts at once; a change to a package's sources
// rebuilds that package and what bundles it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The server's build chain in dependency order, each with the packages whose sources end up in its
 * output: the widget bundles the core client from source, while the server imports core's dist and
 * reads the widget's files at run time, so a core change rebuilds core and the widget, not the server.
 */
const CHAIN = [
  { name: '@company-chat/core', dir: 'packages/core', inputs: ['packages/core'] },
  { name: '@company-chat/widget', dir: 'packages/widget', inputs: ['packages/widget', 'packages/core'] },
  { name: '@company-chat/server', dir: 'packages/server', inputs: ['packages/server'] },
];

const INPUT_FILES = ['package.json', 'tsup.config.ts'];

/** Newest modification time among a package's sources and build configuration. */
function newestInput(pkgDir) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!/\.(test|stories)\.[cm]?[jt]sx?$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  visit(join(root, pkgDir, 'src'));
  for (const file of INPUT_FILES) {
    const path = join(root, pkgDir, file);
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Oldest modification time among a package's built JavaScript, or 0 when nothing is built. */
function oldestOutput(pkgDir) {
  const dist = join(root, pkgDir, 'dist');
  if (!existsSync(dist)) return 0;
  const built = readdirSync(dist).filter((file) => file.endsWith('.js'));
  if (built.length === 0) return 0;
  return Math.min(...built.map((file) => statSync(join(dist, file)).mtimeMs));
}

for (const pkg of CHAIN) {
  const built = oldestOutput(pkg.dir);
  if (built > Math.max(...pkg.inputs.map(newestInput))) continue;
  console.log(`Building ${pkg.name}${built === 0 ? '' : ' (sources changed)'}...`);
  const result = spawnSync('pnpm', ['--filter', pkg.name, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, COMPANY_CHAT_BUILD_DECLARATIONS: '0' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The CLI runs in this process: no second Node start-up, and signals (Ctrl-C, a process manager's
// SIGTERM) reach the server itself rather than a parent that would leave it running.
process.argv = [process.argv[0], join(root, 'packages/server/dist/cli.js'), 'serve', ...process.argv.slice(2)];
await import(pathToFileURL(process.argv[1]).href);
