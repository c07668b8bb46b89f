#!/usr/bin/env node
// The one test command (`pnpm test`): builds, typechecks, lints, then runs every test runner
// (vitest for Node, @web/test-runner for the browser) and prints one totals line at the end:
// `N passed, N failed, N skipped`. Exits non-zero when anything fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${name}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);

if (want('build') && !run('build', 'pnpm', ['build'])) finish();
// The examples are what teams copy: each must build (their smoke tests run with vitest below).
if (want('examples')) run('examples build', 'pnpm', ['-r', '--filter', './examples/*', 'build']);
if (want('typecheck')) run('typecheck', 'pnpm', ['typecheck']);
if (want('lint')) run('lint', 'pnpm', ['lint']);

if (want('unit')) {
  const out = join(resultsDir, 'vitest.json');
  run('vitest', 'pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    // A suite that failed to load counts as a failure even if no test inside it ran.
    totals.failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  } else {
    totals.failed += 1;
  }
}

// Browser and other runners write `{ passed, failed, skipped }` to .test-results/<name>.json.
if (want('browser')) {
  for (const pkg of ['widget', 'react']) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
    if (!manifest.scripts?.['test:browser']) continue;
    const out = join(resultsDir, `browser-${pkg}.json`);
    run(`browser (${pkg})`, 'pnpm', ['-F', manifest.name, 'test:browser'], { COMPANY_CHAT_TEST_RESULTS: out });
    if (existsSync(out)) {
      const r = JSON.parse(readFileSync(out, 'utf8'));
      totals.passed += r.passed;
      totals.failed += r.failed;
      totals.skipped += r.skipped ?? 0;
    } else {
      totals.failed += 1;
    }
  }
}

finish();

function finish() {
  if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
  if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length;
  const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
  console.log(`\n${line}`);
  process.exit(failedSteps.length || totals.failed ? 1 : 0);
}
