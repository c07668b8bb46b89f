// Stream-overhead benchmark (issue 2): how much our server costs compared with talking to the upstream
// directly. Three processes: the upstream (wire server, fast mode), our server (openai-compatible provider
// → engine with memory store → Hono on Node), and this load generator, so neither server shares an event
// loop with the client measuring it.
//
//   (a) N concurrent streams straight to the upstream's /v1/chat/completions
//   (b) N concurrent streams through our server's /api/v1/chat
//   (c) the same through a second server process whose model is in-process (no upstream, no SDK), which
//       shows what the server + engine cost on their own
//
// Prints tokens/s of each, the ratio b/a, the CPU time each process spends per token on each side (from
// /proc, Linux only) with the ceiling it puts on b/a (a side cannot beat its busiest single-threaded
// process, nor the machine's cores shared by all its processes), the time to first token (TTFT) our
// server adds under load and for one request at a time, and the added latency of a whole sequential
// request. Both (a) and (b) are read by the same client code and carry the same 1,000-token answer per
// stream. Rates are in tokens, not SSE events: our server joins the deltas it reads together into one
// event (issue 16), so it sends fewer events than the upstream for the same text (events/stream shown).
// Environment: BENCH_STREAMS (100), BENCH_TOKENS (1000), BENCH_ROUNDS (5), BENCH_SEQUENTIAL (200), BENCH_PROFILE.
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  agent,
  cpuTimes,
  endedWhole,
  median,
  ms,
  openaiStream,
  ourStream,
  pct,
  startChild as startTsChild,
} from '../lib/stream-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);

const startChild = (script, env, flags) => startTsChild(join(here, script), env, flags);

function targets(upstream, server) {
  return {
    a: () => openaiStream(upstream.openaiBaseURL),
    b: () => ourStream(server.url),
  };
}

async function concurrent(run, n) {
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: n }, run));
  const seconds = (performance.now() - t0) / 1000;
  if (!results.every(endedWhole)) throw new Error('a stream did not end with the whole answer');
  const events = results.reduce((sum, r) => sum + r.events, 0);
  // Every stream carried the whole answer (checked above by its end), whatever the number of events.
  const tokens = n * TOKENS;
  return { tokensPerSecond: tokens / seconds, tokens, events, seconds, ttfts: results.map((r) => r.ttft) };
}

const upstream = await startChild('upstream.ts', { BENCH_TOKENS: String(TOKENS) });
// BENCH_PROFILE=dir writes CPU profiles of both server processes there (open them in Chrome DevTools).
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server = await startChild('server.ts', { OPENAI_BASE_URL: upstream.openaiBaseURL }, profile);
const serverAlone = await startChild('server.ts', { BENCH_MODEL: 'in-process', BENCH_TOKENS: String(TOKENS) }, profile);
const { a, b } = targets(upstream, server);
const c = () => ourStream(serverAlone.url);
const sides = { a, b, c };

console.log(
  `stream-overhead: ${STREAMS} concurrent streams × ${TOKENS} tokens, ${ROUNDS} rounds; ${SEQUENTIAL} sequential requests`,
);
// Warm-up (JIT, connection pools, the engine's tokenizer), not measured.
for (const run of Object.values(sides)) await concurrent(run, STREAMS);

const rounds = { a: [], b: [], c: [] };
// CPU time each process spends per token, by side: where the time goes when the ratio is low.
const processes = {
  client: process.pid,
  upstream: upstream.pid,
  server: server.pid,
  serverAlone: serverAlone.pid,
};
const cpu = { a: {}, b: {}, c: {} };
for (let i = 0; i < ROUNDS; i++) {
  // Interleaved so drift in machine load hits every side alike.
  for (const [side, run] of Object.entries(sides)) {
    const before = cpuTimes(processes);
    rounds[side].push(await concurrent(run, STREAMS));
    const after = cpuTimes(processes);
    for (const name of Object.keys(processes)) cpu[side][name] = (cpu[side][name] ?? 0) + after[name] - before[name];
  }
}
const eps = (side) => median(rounds[side].map((r) => r.tokensPerSecond));
const loadTtft = (side) => rounds[side].flatMap((r) => r.ttfts);

const seq = { a: [], b: [], c: [] };
for (let i = 0; i < SEQUENTIAL; i++) {
  for (const [side, run] of Object.entries(sides)) seq[side].push(await run());
}
const seqTtft = (side) => seq[side].map((r) => r.ttft);
const seqTotal = (side) => seq[side].map((r) => r.total);

const fmt = (n) => `${Math.round(n).toLocaleString('en-US')} tokens/s`;
const row = (label, side) =>
  console.log(
    `  ${label.padEnd(44)} ${fmt(eps(side)).padStart(18)}   ${rounds[side][0].events / STREAMS} events/stream`,
  );
const ratio = eps('b') / eps('a');
row('(a) upstream direct', 'a');
row('(b) through our server (openai provider)', 'b');
console.log(`  ${'ratio b/a'.padEnd(44)} ${ratio.toFixed(3).padStart(18)}   (target ≥ 0.8)`);
row('(c) our server, in-process model, no upstream', 'c');
console.log(
  `  ${'ratio c/a (server + engine without provider)'.padEnd(44)} ${(eps('c') / eps('a')).toFixed(3).padStart(18)}`,
);
const cpuLine = (label, side) => {
  const events = rounds[side].reduce((sum, r) => sum + r.tokens, 0);
  const per = Object.entries(cpu[side])
    .filter(([, v]) => v > 0)
    .map(([name, v]) => `${name} ${((v * 1000) / events).toFixed(2)}`)
    .join(', ');
  console.log(`  ${label.padEnd(44)} ${per}`);
};
console.log('');
console.log(`  ${'CPU µs per token, by process'.padEnd(44)}`);
cpuLine('(a)', 'a');
cpuLine('(b)', 'b');
cpuLine('(c)', 'c');
// tokens/s a side can reach at most: one core for its busiest process, all cores for the sum of them.
const ceiling = (side) => {
  const events = rounds[side].reduce((sum, r) => sum + r.tokens, 0);
  const perEvent = Object.values(cpu[side])
    .map((v) => (v * 1000) / events)
    .filter((v) => v > 0.1);
  if (perEvent.length === 0) return Number.NaN;
  const sum = perEvent.reduce((x, y) => x + y, 0);
  return 1e6 * Math.min(1 / Math.max(...perEvent), availableParallelism() / sum);
};
console.log(
  `  ${`CPU-bound ceiling of b/a on ${availableParallelism()} cores`.padEnd(44)} ${(ceiling('b') / ceiling('a')).toFixed(3).padStart(18)}`,
);
console.log('');
const line = (label, values) =>
  console.log(`  ${label.padEnd(44)}${ms(pct(values, 50)).padStart(10)} ${ms(pct(values, 99)).padStart(10)}`);
const diff = (label, b1, a1) =>
  console.log(
    `  ${label.padEnd(44)}${ms(pct(b1, 50) - pct(a1, 50)).padStart(10)} ${ms(pct(b1, 99) - pct(a1, 99)).padStart(10)}`,
  );
console.log(`  ${'time to first token'.padEnd(44)}${'p50'.padStart(10)} ${'p99'.padStart(10)}`);
line('sequential, (a) direct', seqTtft('a'));
line('sequential, (b) through us', seqTtft('b'));
diff('added TTFT b − a  (target p50 ≤ 1 ms)', seqTtft('b'), seqTtft('a'));
line('sequential, (c) our server alone', seqTtft('c'));
line(`under load (${STREAMS} concurrent), (a) direct`, loadTtft('a'));
line(`under load (${STREAMS} concurrent), (b) through us`, loadTtft('b'));
diff('added TTFT under load b − a', loadTtft('b'), loadTtft('a'));
console.log('');
console.log(
  `  ${`one request at a time, whole ${TOKENS}-token answer`.padEnd(44)}${'p50'.padStart(10)} ${'p99'.padStart(10)}`,
);
line('(a) direct', seqTotal('a'));
line('(b) through us', seqTotal('b'));
diff('added latency b − a', seqTotal('b'), seqTotal('a'));
line('(c) our server alone', seqTotal('c'));
const addedP50 = pct(seqTtft('b'), 50) - pct(seqTtft('a'), 50);
console.log(
  `RESULT ratio=${ratio.toFixed(3)} addedTtftP50Ms=${addedP50.toFixed(3)} serverAloneRatio=${(eps('c') / eps('a')).toFixed(3)} serverAloneTtftP50Ms=${pct(seqTtft('c'), 50).toFixed(3)}`,
);
agent.destroy();
process.exit(0);
