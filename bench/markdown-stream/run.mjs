// Markdown streaming benchmark: a 60 KB answer streamed in 4-character tokens into <cc-markdown> in
// Chromium, against a naive full re-parse + re-render per token measured in the same run.
// Two baselines: `naive (diff)` re-parses everything and lets Lit diff it into the existing DOM;
// `naive (rebuild)` re-parses and rebuilds the DOM, as innerHTML-based chat renderers do.
// Usage: node bench/markdown-stream/run.mjs [--quick]   (--quick renders every 10th naive state only)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, launchBrowser, mainThreadClock, openScriptPage } from '../lib/bench-page.mjs';
import { makeAnswer } from './make-answer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const answer = makeAnswer(60 * 1024);
const tokens = answer.match(/[\s\S]{1,4}/g);

const [bundle] = await bundleForBrowser(join(here, 'bench-entry.ts'));
const browser = await launchBrowser();
const page = await openScriptPage(browser, bundle.text);
const taskDuration = await mainThreadClock(page);

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
