// Long-answer benchmark: a 10,000-word answer (about 80k characters: mixed markdown, code blocks in
// several languages, tables) streamed into <company-chat> (the script-tag build in dist/) in Chromium,
// paced at 1,000 and 10,000 characters/s and as one burst, each without and with 4x CPU throttling.
// deep-chat 2.4.2 streams the same answer in the same run as the baseline.
// Reports main-thread time (CDP TaskDuration), long tasks (count, total, longest) and p99 frame time.
// Usage: pnpm bench:long-answer [--quick] [--dist <dir>] [--baseline <dir>] [--repeat <n>]
//          [--throttle <1|4>] [--delivery <paced-1k|paced-10k|burst>] [--no-deep-chat]
//   --quick: a 1,500-word answer; --dist: measure another build instead of dist/; --baseline: also measure
//   that build (e.g. one from before a change) in the same run, interleaved with the others; --repeat:
//   run every measurement n times (interleaved) and print medians, for a loaded machine; --throttle and
//   --delivery: only that CPU rate or delivery; --no-deep-chat: leave deep-chat out (comparing builds).
// Needs `pnpm -F @company-chat/widget build` first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, mainThreadClock, openBenchPage, widgetDir, widgetRequire } from '../lib/bench-page.mjs';
import { makeLongAnswer } from './make-long-answer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const deepChatBundle = join(dirname(widgetRequire.resolve('deep-chat/package.json')), 'dist/deepChat.bundle.js');
// --dist <dir>: measure another build of the widget (e.g. a copy of dist/ from before a change).
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const distDir = normalize(option('--dist') ?? join(widgetDir, 'dist'));
const baselineDir = option('--baseline') && normalize(option('--baseline'));
const repeat = Math.max(1, Number(option('--repeat') ?? 1));
for (const dir of [distDir, baselineDir]) {
  if (dir && !existsSync(join(dir, 'company-chat.js'))) {
    console.error(`${dir}/company-chat.js is missing: run \`pnpm -F @company-chat/widget build\` first.`);
    process.exit(1);
  }
}

const quick = process.argv.includes('--quick');
const answer = makeLongAnswer(quick ? 1_500 : 10_000);
const deliveries = [
  { id: 'paced-1k', name: '1,000 chars/s', rate: 1_000 },
  { id: 'paced-10k', name: '10,000 chars/s', rate: 10_000 },
  { id: 'burst', name: 'one burst', rate: 0 },
].filter((d) => !option('--delivery') || d.id === option('--delivery'));
const throttles = [1, 4].filter((t) => !option('--throttle') || t === Number(option('--throttle')));
const widgets = [
  { name: 'company-chat', fn: 'runCompanyChat', dist: distDir },
  ...(process.argv.includes('--no-deep-chat') ? [] : [{ name: 'deep-chat 2.4.2', fn: 'runDeepChat', dist: distDir }]),
  ...(baselineDir ? [{ name: 'baseline', fn: 'runCompanyChat', dist: baselineDir }] : []),
];

const browser = await launchBrowser();

/** One run in a fresh page, so nothing carries over between runs. */
async function measure(widget, delivery, throttle) {
  const page = await openBenchPage(browser, {
    viewport: { width: 900, height: 700 },
    serve(path) {
      if (path === '/page.js') return { path: join(here, 'page.js'), contentType: 'text/javascript' };
      if (path === '/deep-chat.js') return { path: deepChatBundle, contentType: 'text/javascript' };
      if (!path.startsWith('/widget/')) return undefined;
      const file = normalize(join(widget.dist, path.slice('/widget/'.length)));
      if (!file.startsWith(widget.dist) || !existsSync(file)) return { status: 404, body: 'not found' };
      return { body: readFileSync(file), contentType: 'text/javascript' };
    },
    html: `<!doctype html><html lang="en"><head>
<script type="module" src="/widget/company-chat.js"></script>
<script type="module" src="/deep-chat.js"></script>
<script type="module" src="/page.js"></script></head><body></body></html>`,
    ready: () => 'bench' in window && customElements.get('deep-chat') && customElements.get('company-chat'),
  });
  const taskDuration = await mainThreadClock(page);
  if (throttle > 1) await taskDuration.cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const before = await taskDuration();
  const result = await page.evaluate(
    ([fn, text, rate]) => window.bench[fn](text, rate),
    [widget.fn, answer, delivery.rate],
  );
  result.mainThread = (await taskDuration()) - before;
  await page.close();
  return result;
}

/** Each figure's median over the runs (figures of one row may come from different runs). */
function medians(results) {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const out = {};
  for (const key of Object.keys(results[0])) out[key] = median(results.map((r) => r[key]));
  out.longShare = median(results.map((r) => r.longTaskTotal / r.wall));
  return out;
}

const ms = (n) => `${Math.round(n)} ms`;
const col = (v, w = 12) => String(v).padStart(w);
const words = answer.split(/\s+/).length;
console.log(
  `long-answer: ${answer.length.toLocaleString('en')} characters (${words.toLocaleString('en')} words), 4-character tokens${quick ? ' (quick)' : ''}`,
);
console.log(`company-chat: ${distDir}${baselineDir ? `; baseline: ${baselineDir}` : ''}`);
if (repeat > 1) console.log(`medians of ${repeat} runs each, interleaved`);
console.log('');
console.log(
  `${'delivery'.padEnd(16)}${'cpu'.padEnd(5)}${'widget'.padEnd(17)}${col('wall')}${col('main thread')}${col('long tasks')}${col('long total')}${col('longest')}${col('long/wall')}${col('p99 frame')}`,
);
const rows = [];
for (const throttle of throttles) {
  for (const delivery of deliveries) {
    const pair = {};
    const runs = new Map(widgets.map((w) => [w.name, []]));
    for (let i = 0; i < repeat; i++) {
      for (const widget of widgets) runs.get(widget.name).push(await measure(widget, delivery, throttle));
    }
    for (const widget of widgets) {
      const r = medians(runs.get(widget.name));
      pair[widget.name] = r;
      rows.push({ delivery, throttle, widget, r });
      console.log(
        `${delivery.name.padEnd(16)}${`${throttle}x`.padEnd(5)}${widget.name.padEnd(17)}${col(ms(r.wall))}${col(ms(r.mainThread))}${col(r.longTaskCount)}${col(ms(r.longTaskTotal))}${col(ms(r.longTaskMax))}${col(`${(r.longShare * 100).toFixed(0)}%`)}${col(`${r.p99Frame.toFixed(1)} ms`)}`,
      );
      for (const run of runs.get(widget.name)) {
        if (run.chars !== answer.length)
          console.log(`  (warning: ${widget.name} received ${run.chars} of ${answer.length} characters)`);
      }
    }
    const ours = pair['company-chat'];
    const theirs = pair['deep-chat 2.4.2'];
    if (theirs) {
      console.log(
        `${''.padEnd(21)}ratio deep-chat / company-chat: main thread ${(theirs.mainThread / ours.mainThread).toFixed(1)}x, long-task time ${ours.longTaskTotal ? (theirs.longTaskTotal / ours.longTaskTotal).toFixed(1) : '∞'}x`,
      );
    }
    const base = pair.baseline;
    if (base) {
      console.log(
        `${''.padEnd(21)}ratio baseline / company-chat: main thread ${(base.mainThread / ours.mainThread).toFixed(2)}x, long-task time ${ours.longTaskTotal ? (base.longTaskTotal / ours.longTaskTotal).toFixed(2) : '∞'}x, longest ${ours.longTaskMax ? (base.longTaskMax / ours.longTaskMax).toFixed(2) : '∞'}x`,
      );
    }
  }
}
await browser.close();

console.log('');
console.log(
  'Targets with 4x throttling (company-chat): no long task over 100 ms; long-task time ≤ 20% of streaming time when paced.',
);
for (const { delivery, throttle, widget, r } of rows) {
  if (throttle !== 4 || widget.name !== 'company-chat') continue;
  const longest = r.longTaskMax <= 100 ? 'ok' : 'MISSED';
  const share = delivery.rate ? (r.longShare <= 0.2 ? 'ok' : 'MISSED') : 'n/a';
  console.log(`  ${delivery.name.padEnd(16)} longest ${ms(r.longTaskMax)} ${longest}; long-task share ${share}`);
}
