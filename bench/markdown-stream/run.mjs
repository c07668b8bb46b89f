// Markdown streaming benchmark: a 60 KB answer streamed in 4-character tokens into <cc-markdown> in
// Chromium, against a naive full re-parse + re-render per token measured in the same run.
// Two baselines: `naive (diff)` re-parses everything and lets Lit diff it into the existing DOM;
// `naive (rebuild)` re-parses and rebuilds the DOM, as innerHTML-based chat renderers do.
// Usage: node bench/markdown-stream/run.mjs [--quick]   (--quick renders every 10th naive state only)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../../scripts/chromium-launch-options.mjs';
import { makeAnswer } from './make-answer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// playwright-core and esbuild are devDependencies of the widget package.
const require = createRequire(join(here, '../../packages/widget/package.json'));
const { chromium } = require('playwright-core');
const esbuild = require('esbuild');

const quick = process.argv.includes('--quick');
const answer = makeAnswer(60 * 1024);
const tokens = answer.match(/[\s\S]{1,4}/g);

const built = await esbuild.build({
  entryPoints: [join(here, 'bench-entry.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  target: 'es2022',
  conditions: ['@company-chat/source', 'browser', 'module', 'import', 'default'],
  absWorkingDir: join(here, '../../packages/widget'),
  nodePaths: [join(here, '../../packages/widget/node_modules')],
});
const script = built.outputFiles[0].text;

const browser = await chromium.launch({
  ...chromiumLaunchOptions,
});
const page = await browser.newPage();
await page.route('http://bench.localhost/**', (route) => {
  const url = new URL(route.request().url());
  if (url.pathname === '/bench.js') return route.fulfill({ body: script, contentType: 'text/javascript' });
  return route.fulfill({
    body: '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>',
    contentType: 'text/html',
  });
});
await page.goto('http://bench.localhost/');
await page.waitForFunction(() => 'bench' in window);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const taskDuration = async () =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;

let t = await taskDuration();
const inc = await page.evaluate((tk) => window.bench.streamIncremental(tk), tokens);
const incTask = (await taskDuration()) - t;

t = await taskDuration();
const naive = await page.evaluate(
  ([tk, every]) => window.bench.streamNaive(tk, every, 'diff'),
  [tokens, quick ? 10 : 1],
);
const naiveTask = (await taskDuration()) - t;

t = await taskDuration();
const rebuild = await page.evaluate(
  ([tk, every]) => window.bench.streamNaive(tk, every, 'rebuild'),
  [tokens, quick ? 10 : 1],
);
const rebuildTask = (await taskDuration()) - t;

const parse = await page.evaluate(
  ([full, last]) => window.bench.lastTokenParse(full, last, 200),
  [answer, tokens.at(-1)],
);
await browser.close();

const ms = (n) => `${n.toFixed(1)} ms`;
const us = (n) => `${(n * 1000).toFixed(1)} µs`;
console.log(`markdown-stream: ${(answer.length / 1024).toFixed(1)} KB answer, ${tokens.length} tokens of 4 characters`);
console.log(`${quick ? '(quick: naive states sampled every 10th token and extrapolated)\n' : ''}`);
const col = (v) => v.padStart(16);
console.log(`${''.padEnd(26)}${col('incremental')}${col('naive (diff)')}${col('naive (rebuild)')}`);
console.log(
  `${'update time, all tokens'.padEnd(26)}${col(ms(inc.total))}${col(ms(naive.total))}${col(ms(rebuild.total))}`,
);
if (!quick) {
  console.log(`${'main thread (CDP tasks)'.padEnd(26)}${col(ms(incTask))}${col(ms(naiveTask))}${col(ms(rebuildTask))}`);
}
console.log(`${'last token, update'.padEnd(26)}${col(ms(inc.last))}${col(ms(naive.last))}${col(ms(rebuild.last))}`);
console.log(
  `${'last token, parse only'.padEnd(26)}${col(us(parse.incremental))}${col(us(parse.naive))}${col(us(parse.naive))}`,
);
console.log('');
console.log(
  `ratio naive (diff) / incremental:    ${(naive.total / inc.total).toFixed(1)}x update time${quick ? '' : `, ${(naiveTask / incTask).toFixed(1)}x main thread`}  (target >= 50x)`,
);
console.log(
  `ratio naive (rebuild) / incremental: ${(rebuild.total / inc.total).toFixed(1)}x update time${quick ? '' : `, ${(rebuildTask / incTask).toFixed(1)}x main thread`}  (target >= 50x)`,
);
console.log(`last-token parse: ${us(parse.incremental)} incremental vs ${us(parse.naive)} full (target < 1 ms)`);
