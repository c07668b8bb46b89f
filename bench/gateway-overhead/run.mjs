// Gateway-overhead benchmark (issue 16): what each path adds to the model's latency, one request at a
// time, against the same local OpenAI-compatible upstream emitting paced 200-token answers.
//
//   direct    the upstream's /v1/chat/completions itself
//   proxy     a bare Hono pass-through proxy (proxy.ts): the floor of any gateway
//   memory    our server (bench/stream-overhead/server.ts: openai() → engine → Hono), memory store
//   pglite    the same with the embedded default store, PGlite on disk
//   postgres  the same with PostgreSQL (DATABASE_URL, a schema of its own, dropped at the end)
//
// Every path is its own process; requests are interleaved (one of each path in turn) so drift in machine
// load hits all alike. Prints the time to first token (TTFT) and whole-answer latency each path adds to
// `direct` (p50/p90/p99), the ratio of each added TTFT/latency to the proxy's, and the CPU each process
// spends per token (from /proc schedstat, nanosecond resolution), with the relay's against the upstream's.
// Environment: BENCH_REQUESTS (100 per path), BENCH_TOKENS (200), BENCH_TOKEN_MS (1, the upstream's
// pace), BENCH_STORES (memory,pglite,postgres), BENCH_TRACE=1 (where our server's TTFT goes, per step;
// it slows the traced servers a little), BENCH_PROFILE=dir (CPU profiles of our servers),
// BENCH_BASELINE=dir (also runs `<store>@before` paths: bench/stream-overhead/server.ts of another
// checkout with the same workspace links, e.g. the commit before a change, measured in the same run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  agent,
  cpuTimesFine,
  ms,
  openaiStream,
  ourStream,
  pct,
  startChild,
  stopChildren,
} from '../lib/stream-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const streamOverhead = join(here, '..', 'stream-overhead');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 200);
const TOKEN_MS = Number(process.env.BENCH_TOKEN_MS ?? 1);
const STORES = (process.env.BENCH_STORES ?? 'memory,pglite,postgres').split(',').filter(Boolean);
const TRACE = Boolean(process.env.BENCH_TRACE);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WARMUP = 10;

const upstream = await startChild(join(streamOverhead, 'upstream.ts'), {
  BENCH_TOKENS: String(TOKENS),
  BENCH_TOKEN_MS: String(TOKEN_MS),
});
const proxy = await startChild(join(here, 'proxy.ts'), { UPSTREAM_URL: upstream.openaiBaseURL });

const cleanups = [];
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
async function startOurs(store, root = join(here, '..', '..')) {
  const env = { OPENAI_BASE_URL: upstream.openaiBaseURL, BENCH_STORE: store, ...(TRACE ? { BENCH_TRACE: '1' } : {}) };
  if (store === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'cc-bench-gateway-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    env.BENCH_DATA_DIR = dir;
  } else if (store === 'postgres') {
    const schema = `bench_gateway_${process.pid}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });
    env.DATABASE_URL = DATABASE_URL;
    env.BENCH_PG_SCHEMA = schema;
  }
  return startChild(join(root, 'bench', 'stream-overhead', 'server.ts'), env, profile);
}

const paths = {
  direct: { pid: upstream.pid, run: () => openaiStream(upstream.openaiBaseURL) },
  proxy: { pid: proxy.pid, run: () => openaiStream(proxy.openaiBaseURL) },
};
const ours = [];
for (const store of STORES) {
  for (const [name, root] of [
    [store, undefined],
    [`${store}@before`, process.env.BENCH_BASELINE],
  ]) {
    if (name.endsWith('@before') && !root) continue;
    const server = await startOurs(store, root);
    paths[name] = { pid: server.pid, url: server.url, run: () => ourStream(server.url) };
    ours.push(name);
  }
}
const processes = { upstream: upstream.pid };
for (const [name, path] of Object.entries(paths)) if (name !== 'direct') processes[name] = path.pid;

console.log(
  `gateway-overhead: ${REQUESTS} requests per path, one at a time, interleaved; ${TOKENS}-token answers paced ` +
    `at one token every ${TOKEN_MS} ms`,
);
// Warm-up (JIT, connection pools, the engine's tokenizer, the store's first queries), not measured.
for (let i = 0; i < WARMUP; i++) for (const path of Object.values(paths)) await path.run();
if (TRACE) for (const name of ours) await fetch(`${paths[name].url}/__trace`);

const results = Object.fromEntries(Object.keys(paths).map((name) => [name, { ttft: [], total: [], cpu: {} }]));
for (let i = 0; i < REQUESTS; i++) {
  for (const [name, path] of Object.entries(paths)) {
    const before = cpuTimesFine(processes);
    const r = await path.run();
    const after = cpuTimesFine(processes);
    const result = results[name];
    if (r.ttft < 0) throw new Error(`${name}: no token in the answer`);
    result.ttft.push(r.ttft);
    result.total.push(r.total);
    for (const p of Object.keys(processes)) result.cpu[p] = (result.cpu[p] ?? 0) + after[p] - before[p];
  }
}

const P = [50, 90, 99];
const added = (name, key) => P.map((p) => pct(results[name][key], p) - pct(results.direct[key], p));
const cols = (values) => values.map((v) => ms(v).padStart(11)).join('');
const head = (label) => console.log(`\n  ${label.padEnd(40)}${P.map((p) => `p${p}`.padStart(11)).join('')}`);

for (const [key, what] of [
  ['ttft', 'time to first token'],
  ['total', `whole ${TOKENS}-token answer`],
]) {
  head(what);
  console.log(`  ${'direct (the upstream alone)'.padEnd(40)}${cols(P.map((p) => pct(results.direct[key], p)))}`);
  for (const name of Object.keys(paths).filter((n) => n !== 'direct')) {
    console.log(`  ${`added by ${name}`.padEnd(40)}${cols(added(name, key))}`);
  }
  const proxyAdded = added('proxy', key);
  for (const name of ours) {
    const ratios = added(name, key).map((v, i) => `${(v / proxyAdded[i]).toFixed(2)}×`.padStart(11));
    console.log(`  ${`  ${name} ÷ proxy`.padEnd(40)}${ratios.join('')}`);
  }
}

// CPU per token: the path's own process, and the upstream while serving that path.
const perToken = (name, p) => (results[name].cpu[p] * 1000) / (REQUESTS * TOKENS);
const upstreamOwn = perToken('direct', 'upstream');
console.log(
  `\n  ${'CPU µs per token'.padEnd(40)}${'process'.padStart(11)}${'upstream'.padStart(11)}${'÷ upstream'.padStart(11)}`,
);
for (const name of Object.keys(paths)) {
  const own = name === 'direct' ? upstreamOwn : perToken(name, name);
  console.log(
    `  ${name.padEnd(40)}${own.toFixed(2).padStart(11)}${perToken(name, 'upstream').toFixed(2).padStart(11)}${`${(own / upstreamOwn).toFixed(2)}×`.padStart(11)}`,
  );
}

if (TRACE) {
  for (const name of ours) {
    const steps = await (await fetch(`${paths[name].url}/__trace`)).json();
    console.log(`\n  where ${name}'s TTFT goes (ms after the request reached the app, medians)`);
    for (const s of steps) {
      const duration = Number.isNaN(s.end) || s.end === null ? '' : ms(s.end - s.start);
      console.log(`    ${s.step.padEnd(38)}${ms(s.start).padStart(11)}${duration.padStart(11)}   n=${s.n}`);
    }
  }
}

const summary = ours.map((name) => {
  const ratio = added(name, 'ttft')[0] / added('proxy', 'ttft')[0];
  return `${name}TtftVsProxy=${ratio.toFixed(2)} ${name}CpuPerTokenVsUpstream=${(perToken(name, name) / upstreamOwn).toFixed(2)}`;
});
console.log(`\nRESULT proxyAddedTtftP50Ms=${added('proxy', 'ttft')[0].toFixed(3)} ${summary.join(' ')}`);
agent.destroy();
await stopChildren();
for (const cleanup of cleanups.reverse()) await cleanup();
process.exit(0);
