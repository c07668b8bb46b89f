// Markdown-bomb benchmark: pathological inputs (deep nesting, 10,000 `*`, 5,000 `[`, long and wide
// tables, ...) streamed 3 characters at a time into <cc-markdown> in Chromium. Reports main-thread time
// per input (CDP TaskDuration) and its ratio to an ordinary answer of similar size streamed the same way
// in the same run. Target: every input under 2 s of main-thread time.
// Usage: pnpm bench:markdown-bomb [--limit <seconds per input, default 30>]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, launchBrowser, mainThreadClock, openScriptPage } from '../lib/bench-page.mjs';
import { makeBombs } from './bombs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const limitArg = process.argv.indexOf('--limit');
const limitMs = (limitArg > 0 ? Number(process.argv[limitArg + 1]) : 30) * 1000;
const STEP = 3;
const TARGET_MS = 2000;

const [bundle] = await bundleForBrowser(join(here, 'bench-entry.ts'));

/**
 * Streams one input in a fresh browser (a page stopped mid-run keeps its renderer busy, which would slow
 * the next page on the same site); a run past the limit is stopped, one that throws is reported.
 */
async function measure(text) {
  const browser = await launchBrowser();
  const page = await openScriptPage(browser, bundle.text);
  const clock = await mainThreadClock(page);
  const before = await clock();
  let timer;
  const limit = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ stopped: true }), limitMs);
  });
  const run = page
    .evaluate(([t, s]) => window.bench.stream(t, s), [text, STEP])
    .catch((error) => ({
      error: String(error.message ?? error)
        .split('\n')[0]
        .replace(/^page\.evaluate: /, ''),
    }));
  const result = await Promise.race([run, limit]);
  clearTimeout(timer);
  if (!result.stopped) result.mainThread = (await clock()) - before;
  await browser.close();
  return result;
}

const bombs = makeBombs();
console.log(
  `markdown-bomb: each input streamed ${STEP} characters at a time into <cc-markdown> (limit ${limitMs / 1000} s)`,
);
console.log('');
const col = (v, w = 14) => String(v).padStart(w);
console.log(
  `${'input'.padEnd(28)}${col('chars', 8)}${col('main thread')}${col('updates')}${col('vs ordinary')}${col('DOM nodes', 11)}  target`,
);
let baseline = 0;
let missed = 0;
for (const [name, text] of Object.entries(bombs)) {
  const r = await measure(text);
  const isBaseline = name.startsWith('baseline');
  const row = `${name.padEnd(28)}${col(text.length, 8)}`;
  if (r.stopped || r.error) {
    missed++;
    const what = r.stopped ? `stopped after ${limitMs / 1000} s` : `failed: ${r.error}`;
    console.log(`${row}${col(r.stopped ? `> ${limitMs / 1000} s` : '-')}  MISSED (${what})`);
    continue;
  }
  if (name === 'baseline: ordinary answer') baseline = r.mainThread / text.length;
  const ratio = baseline ? `${(r.mainThread / text.length / baseline).toFixed(1)}x/char` : '-';
  const ok = r.mainThread < TARGET_MS;
  if (!ok && !isBaseline) missed++;
  console.log(
    `${row}${col(`${Math.round(r.mainThread)} ms`)}${col(`${Math.round(r.update)} ms`)}${col(ratio)}${col(r.nodes, 11)}  ${isBaseline ? '' : ok ? 'ok' : 'MISSED'}`,
  );
}
console.log('');
console.log(
  missed === 0
    ? `All inputs under ${TARGET_MS / 1000} s of main-thread time.`
    : `${missed} input(s) NOT under ${TARGET_MS / 1000} s of main-thread time.`,
);
