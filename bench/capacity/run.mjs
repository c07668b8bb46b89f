// Capacity benchmark (issue 16): how many concurrent streams of 30 tokens/s one server instance holds.
// The upstream (the wire server) paces every answer at one token every 33 ms; N streams are opened
// (spread over --ramp seconds) through the bare Hono pass-through proxy, then through our server (memory
// store), in the same run, for N = 100, 250, 500, 1,000, 2,000, 3,000, 5,000, ... up to --max-streams.
// A step holds when every stream ends whole and the p99 gap between two tokens at the client is at most
// 100 ms; a path stops ramping at its first step that does not hold. Per step and path: p50/p99 token
// gap, failures, the CPU each process used (a fraction of one core), the RSS each stream adds to the
// path's process while the streams are open (mostly waiting for their next token), and the client's own
// event-loop delay: when it is high the client, not the server, limits the step (everything shares
// this machine's cores).
// Usage: pnpm bench:capacity [--max-streams 5000] [--seconds 8] [--ramp 2] [--steps 100,500,...]
//        [--paths proxy,memory] [--baseline dir] [--profile dir]
//   --baseline: also our server from another checkout with the same workspace links (`memory@before`,
//   e.g. the commit before a change), in the same run. --profile: CPU profiles of our servers there.
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  agent,
  cpuTimesFine,
  endedWhole,
  openaiStream,
  ourStream,
  pct,
  rssBytes,
  startChild,
  stopChildren,
} from '../lib/stream-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const streamOverhead = join(here, '..', 'stream-overhead');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const MAX_STREAMS = Number(option('--max-streams', 5000));
const SECONDS = Number(option('--seconds', 8));
const RAMP_SECONDS = Number(option('--ramp', 2));
const STEPS = option('--steps', '100,250,500,1000,2000,3000,5000,7500,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= MAX_STREAMS);
const PATHS = option('--paths', 'proxy,memory').split(',');
const TOKEN_MS = 33;
const TOKENS = Math.round((SECONDS * 1000) / TOKEN_MS);
const GAP_LIMIT_MS = 100;

const upstream = await startChild(join(streamOverhead, 'upstream.ts'), {
  BENCH_TOKENS: String(TOKENS),
  BENCH_TOKEN_MS: String(TOKEN_MS),
});
const targets = {};
if (PATHS.includes('proxy')) {
  const proxy = await startChild(join(here, '..', 'gateway-overhead', 'proxy.ts'), {
    UPSTREAM_URL: upstream.openaiBaseURL,
  });
  targets.proxy = { pid: proxy.pid, run: (onChunk) => openaiStream(proxy.openaiBaseURL, onChunk) };
}
const baseline = option('--baseline');
for (const store of PATHS.filter((p) => p !== 'proxy')) {
  for (const [name, dir] of [
    [store, streamOverhead],
    [`${store}@before`, baseline && join(baseline, 'bench', 'stream-overhead')],
  ]) {
    if (!dir) continue;
    const profile = option('--profile');
    const server = await startChild(
      join(dir, 'server.ts'),
      { OPENAI_BASE_URL: upstream.openaiBaseURL, BENCH_STORE: store },
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    );
    targets[name] = { pid: server.pid, run: (onChunk) => ourStream(server.url, onChunk) };
  }
}

/** N streams, started evenly over the ramp; gaps between token chunks of each stream after its first. */
async function step(target, n) {
  const gaps = [];
  let failures = 0;
  let firstError;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const processes = { path: target.pid, upstream: upstream.pid, client: process.pid };
  const cpuBefore = cpuTimesFine(processes);
  const t0 = performance.now();
  let rssOpen = 0;
  // Sampled while every stream is open (after the ramp, before the first ends), the streams waiting for
  // their next token; the largest sample, as a collection between two samples can hide the streams' heap.
  let sampler;
  const sampling = setTimeout(
    () => {
      sampler = setInterval(() => {
        rssOpen = Math.max(rssOpen, rssBytes(target.pid));
      }, 250);
    },
    RAMP_SECONDS * 1000 + 250,
  );
  const stopSampling = setTimeout(() => clearInterval(sampler), SECONDS * 1000);
  const one = async (i) => {
    await new Promise((resolve) => setTimeout(resolve, (i * RAMP_SECONDS * 1000) / n));
    let previous = -1;
    try {
      const result = await target.run((now) => {
        if (previous >= 0) gaps.push(now - previous);
        previous = now;
      });
      if (!endedWhole(result)) throw new Error('the answer did not end whole');
    } catch (error) {
      failures++;
      firstError ??= error;
    }
  };
  await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  clearTimeout(sampling);
  clearTimeout(stopSampling);
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  const cpuAfter = cpuTimesFine(processes);
  loop.disable();
  const cores = (p) => (cpuAfter[p] - cpuBefore[p]) / 1000 / seconds;
  return {
    n,
    failures,
    firstError,
    p50: gaps.length ? pct(gaps, 50) : Number.NaN,
    p99: gaps.length ? pct(gaps, 99) : Number.POSITIVE_INFINITY,
    cpu: { path: cores('path'), upstream: cores('upstream'), client: cores('client') },
    rssOpen,
    clientDelayP99: loop.percentile(99) / 1e6,
  };
}

console.log(
  `capacity: streams of 30 tokens/s (one every ${TOKEN_MS} ms, ${TOKENS} tokens, ${SECONDS} s) opened over ${RAMP_SECONDS} s; ` +
    `steps ${STEPS.join(', ')}; a step holds when every stream ends whole and the p99 token gap ≤ ${GAP_LIMIT_MS} ms`,
);
// Warm-up: JIT, the engine's tokenizer, connection pools.
for (const target of Object.values(targets)) await step(target, 20);

const held = {};
const header = `  ${'path'.padEnd(14)}${'streams'.padStart(8)}${'fails'.padStart(7)}${'gap p50'.padStart(10)}${'gap p99'.padStart(10)}${'CPU path'.padStart(10)}${'upstream'.padStart(10)}${'client'.padStart(8)}${'RSS/stream'.padStart(12)}${'client lag p99'.padStart(16)}`;
console.log(header);
const active = new Set(Object.keys(targets));
for (const n of STEPS) {
  for (const [name, target] of Object.entries(targets)) {
    if (!active.has(name)) continue;
    // Let the previous step's sockets close and the heap settle before the baseline RSS.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssIdle = rssBytes(target.pid);
    const r = await step(target, n);
    const holds = r.failures === 0 && r.p99 <= GAP_LIMIT_MS;
    if (holds) held[name] = n;
    else active.delete(name);
    const perStream = r.rssOpen > 0 ? `${((r.rssOpen - rssIdle) / n / 1024).toFixed(1)} KB` : '–';
    console.log(
      `  ${name.padEnd(14)}${String(n).padStart(8)}${String(r.failures).padStart(7)}${`${r.p50.toFixed(1)} ms`.padStart(10)}${`${r.p99.toFixed(1)} ms`.padStart(10)}` +
        `${r.cpu.path.toFixed(2).padStart(10)}${r.cpu.upstream.toFixed(2).padStart(10)}${r.cpu.client.toFixed(2).padStart(8)}` +
        `${perStream.padStart(12)}${`${r.clientDelayP99.toFixed(1)} ms`.padStart(16)}${holds ? '' : '   ✗'}`,
    );
    if (r.firstError) console.log(`           first failure: ${r.firstError.message}`);
  }
  if (active.size === 0) break;
}
console.log(
  `\nRESULT ${Object.keys(targets)
    .map((name) => `${name}MaxStreams=${held[name] ?? 0}`)
    .join(' ')}`,
);
agent.destroy();
await stopChildren();
process.exit(0);
