// Long-answer benchmark: a 10,000-word answer (about 80k characters: mixed markdown, code blocks in
// several languages, tables) streamed into <company-chat> (the script-tag build in dist/) in Chromium,
// paced at 1,000 and 10,000 characters/s and as one burst, each without and with 4x CPU throttling.
// deep-chat 2.4.2 streams the same answer in the same run as the baseline.
// Reports main-thread time (CDP TaskDuration), long tasks (count, total, longest) and p99 frame time.
// Usage: pnpm bench:long-answer [--quick] [--dist <dir>]   (--quick: a 1,500-word answer)
// Needs `pnpm -F @company-chat/widget build` first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, mainThreadClock, openBenchPage, widgetDir, widgetRequire } from '../lib/bench-page.mjs';
import { makeLongAnswer } from './make-long-answer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const deepChatBundle = join(dirname(widgetRequire.resolve('deep-chat/package.json')), 'dist/deepChat.bundle.js');
// --dist <dir>: measure another build of the widget (e.g. a copy of dist/ from before a change).
const distArg = process.argv.indexOf('--dist');
const distDir = distArg > 0 ? normalize(process.argv[distArg + 1]) : join(widgetDir, 'dist');
if (!existsSync(join(distDir, 'company-chat.js'))) {
  console.error(`${distDir}/company-chat.js is missing: run \`pnpm -F @company-chat/widget build\` first.`);
  process.exit(1);
}

const quick = process.argv.includes('--quick');
const answer = makeLongAnswer(quick ? 1_500 : 10_000);
const deliveries = [
  { name: '1,000 chars/s', rate: 1_000 },
  { name: '10,000 chars/s', rate: 10_000 },
  { name: 'one burst', rate: 0 },
];
const widgets = [
  { name: 'company-chat', fn: 'runCompanyChat' },
  { name: 'deep-chat 2.4.2', fn: 'runDeepChat' },
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
      const file = normalize(join(distDir, path.slice('/widget/'.length)));
      if (!file.startsWith(distDir) || !existsSync(file)) return { status: 404, body: 'not found' };
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

const ms = (n) => `${Math.round(n)} ms`;
const col = (v, w = 12) => String(v).padStart(w);
const words = answer.split(/\s+/).length;
console.log(
  `long-answer: ${answer.length.toLocaleString('en')} characters (${words.toLocaleString('en')} words), 4-character tokens${quick ? ' (quick)' : ''}`,
);
console.log('');
console.log(
  `${'delivery'.padEnd(16)}${'cpu'.padEnd(5)}${'widget'.padEnd(17)}${col('wall')}${col('main thread')}${col('long tasks')}${col('long total')}${col('longest')}${col('long/wall')}${col('p99 frame')}`,
);
const rows = [];
for (const throttle of [1, 4]) {
  for (const delivery of deliveries) {
    const pair = {};
    for (const widget of widgets) {
      const r = await measure(widget, delivery, throttle);
      pair[widget.name] = r;
      rows.push({ delivery, throttle, widget, r });
      console.log(
        `${delivery.name.padEnd(16)}${`${throttle}x`.padEnd(5)}${widget.name.padEnd(17)}${col(ms(r.wall))}${col(ms(r.mainThread))}${col(r.longTaskCount)}${col(ms(r.longTaskTotal))}${col(ms(r.longTaskMax))}${col(`${((r.longTaskTotal / r.wall) * 100).toFixed(0)}%`)}${col(`${r.p99Frame.toFixed(1)} ms`)}`,
      );
      if (widget.name === 'company-chat' && r.chars !== answer.length)
        console.log(`  (warning: company-chat received ${r.chars} of ${answer.length} characters)`);
    }
    const ours = pair['company-chat'];
    const theirs = pair['deep-chat 2.4.2'];
    console.log(
      `${''.padEnd(21)}ratio deep-chat / company-chat: main thread ${(theirs.mainThread / ours.mainThread).toFixed(1)}x, long-task time ${ours.longTaskTotal ? (theirs.longTaskTotal / ours.longTaskTotal).toFixed(1) : '∞'}x`,
    );
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
  const share = delivery.rate ? ((r.longTaskTotal / r.wall) * 100 <= 20 ? 'ok' : 'MISSED') : 'n/a';
  console.log(`  ${delivery.name.padEnd(16)} longest ${ms(r.longTaskMax)} ${longest}; long-task share ${share}`);
}
