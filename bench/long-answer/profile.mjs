// CPU profile of <company-chat> streaming the long answer (CDP Profiler), built unminified from the
// widget's sources so the top entries have names. Prints the functions with the most self time.
// With --trace, a CDP trace instead: main-thread time by trace event (script, style, layout, paint).
// Usage: node bench/long-answer/profile.mjs [--quick] [--rate <chars/s, 0 = burst>] [--throttle <n>]
//        [--src <a copy of packages/widget/src, e.g. from before a change>] [--trace]
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, launchBrowser, openBenchPage, widgetDir } from '../lib/bench-page.mjs';
import { makeLongAnswer } from './make-long-answer.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const src = resolve(arg('--src', join(widgetDir, 'src')));
const rate = Number(arg('--rate', '1000'));
const throttle = Number(arg('--throttle', '4'));
const answer = makeLongAnswer(process.argv.includes('--quick') ? 1_500 : 10_000);

// Unminified, so the profile has names; split like the script-tag build.
const outputs = await bundleForBrowser(join(src, 'index.ts'), { minify: false, splitting: true, outdir: '/profile' });
const files = new Map(outputs.map((f) => [`/profile/${f.path.split('/profile/')[1]}`, f.text]));

const browser = await launchBrowser();
const page = await openBenchPage(browser, {
  viewport: { width: 900, height: 700 },
  serve(path) {
    if (files.has(path)) return { body: files.get(path), contentType: 'text/javascript' };
    if (path === '/page.js') return { path: join(here, 'page.js'), contentType: 'text/javascript' };
    return undefined;
  },
  html: `<!doctype html><html lang="en"><head><script type="module" src="/profile/index.js"></script>
<script type="module" src="/page.js"></script></head><body></body></html>`,
  ready: () => 'bench' in window && customElements.get('company-chat'),
});
const cdp = await page.context().newCDPSession(page);
if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
const run = () => page.evaluate(([text, r]) => window.bench.runCompanyChat(text, r), [answer, rate]);
const heading = `${answer.length} characters at ${rate ? `${rate} chars/s` : 'one burst'}, CPU ${throttle}x, sources ${src}`;

if (process.argv.includes('--trace')) {
  const events = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...data.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  const categories = ['toplevel,devtools.timeline', arg('--categories')].filter(Boolean).join(',');
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  const result = await run();
  await cdp.send('Tracing.end');
  await complete;
  await browser.close();
  // The page's main thread: the renderer main thread that ran the most task time.
  const renderers = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const perThread = new Map();
  for (const e of events) {
    const id = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && renderers.has(id)) {
      perThread.set(id, (perThread.get(id) ?? 0) + e.dur);
    }
  }
  const main = [...perThread.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const dump = arg('--trace-out');
  if (dump) writeFileSync(dump, JSON.stringify(events.filter((e) => `${e.pid}:${e.tid}` === main)));
  const byName = new Map();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || e.name === 'ThreadControllerImpl::RunTask' || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(`trace: ${heading}`);
  console.log(`wall ${Math.round(result.wall)} ms, main-thread tasks ${Math.round(perThread.get(main) / 1000)} ms`);
  console.log('inclusive time  event (nested events overlap)');
  for (const [name, ms] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${`${ms.toFixed(0)} ms`.padStart(14)}  ${name}`);
  }
  process.exit(0);
}

await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const result = await run();
const { profile } = await cdp.send('Profiler.stop');
await browser.close();

// Self time per function: each sample's time delta goes to the node it landed in.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const f = node.callFrame;
  const file = f.url ? f.url.replace(/^.*\//, '') : '';
  const key = `${f.functionName || '(anonymous)'}  ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`profile: ${heading}`);
console.log(
  `wall ${Math.round(result.wall)} ms, long tasks ${result.longTaskCount} (${Math.round(result.longTaskTotal)} ms)`,
);
console.log('self time  share  function');
for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${`${ms.toFixed(0)} ms`.padStart(9)}  ${`${((ms / total) * 100).toFixed(1)}%`.padStart(5)}  ${key}`);
}
