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
// Prints events/s of each, the ratio b/a, the time to first token (TTFT) our server adds under load and
// for one request at a time, and the added latency of a whole sequential request.
// Environment: BENCH_STREAMS (100), BENCH_TOKENS (1000), BENCH_ROUNDS (5), BENCH_SEQUENTIAL (200), BENCH_PROFILE.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);

const children = [];
process.on('exit', () => {
  for (const child of children) child.kill();
});

/** Starts a TypeScript child (through tsx, resolving workspace packages to their sources); resolves its first stdout line as JSON. */
function startChild(script, env = {}, nodeFlags = []) {
  const flags = [...nodeFlags, '--import', 'tsx', '--conditions=@company-chat/source'];
  const child = spawn(process.execPath, [...flags, join(here, script)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/**
 * One streamed request. Counts SSE events (blank-line terminated) and notes when the first answer token
 * arrives (`marker`). Only cheap string scans run per chunk, so the client is not the bottleneck.
 */
function streamOnce(url, body, headers, marker) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttft = -1;
    let events = 0;
    let tail = '';
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${url} answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('latin1');
      res.on('data', (chunk) => {
        const text = tail + chunk;
        if (ttft < 0 && text.includes(marker)) ttft = performance.now() - t0;
        for (let i = text.indexOf('\n\n'); i >= 0; i = text.indexOf('\n\n', i + 2)) {
          if (i >= tail.length - 1) events++;
        }
        tail = text.slice(-64);
      });
      res.on('end', () => resolve({ ttft, total: performance.now() - t0, events }));
      res.on('error', reject);
    });
    req.end(body);
  });
}

const upstreamBody = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Write a long answer.' }],
  stream: true,
  stream_options: { include_usage: true },
});
const ourBody = JSON.stringify({ content: 'Write a long answer.' });

function targets(upstream, server) {
  return {
    a: () =>
      streamOnce(
        `${upstream.openaiBaseURL}/chat/completions`,
        upstreamBody,
        { authorization: 'Bearer bench' },
        '"content":"tok0"',
      ),
    b: () => streamOnce(`${server.url}/api/v1/chat`, ourBody, {}, 'event: text-delta'),
  };
}

async function concurrent(run, n) {
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: n }, run));
  const seconds = (performance.now() - t0) / 1000;
  const events = results.reduce((sum, r) => sum + r.events, 0);
  return { eventsPerSecond: events / seconds, events, seconds, ttfts: results.map((r) => r.ttft) };
}

const pct = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => pct(values, 50);
const ms = (v) => `${v.toFixed(2)} ms`;

const upstream = await startChild('upstream.ts', { BENCH_TOKENS: String(TOKENS) });
// BENCH_PROFILE=dir writes a CPU profile of our server process there (open it in Chrome DevTools).
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server = await startChild('server.ts', { OPENAI_BASE_URL: upstream.openaiBaseURL }, profile);
const serverAlone = await startChild('server.ts', { BENCH_MODEL: 'in-process', BENCH_TOKENS: String(TOKENS) });
const { a, b } = targets(upstream, server);
const c = () => streamOnce(`${serverAlone.url}/api/v1/chat`, ourBody, {}, 'event: text-delta');
const sides = { a, b, c };

console.log(
  `stream-overhead: ${STREAMS} concurrent streams × ${TOKENS} tokens, ${ROUNDS} rounds; ${SEQUENTIAL} sequential requests`,
);
// Warm-up (JIT, connection pools, the engine's tokenizer), not measured.
for (const run of Object.values(sides)) await concurrent(run, STREAMS);

const rounds = { a: [], b: [], c: [] };
for (let i = 0; i < ROUNDS; i++) {
  // Interleaved so drift in machine load hits every side alike.
  for (const [side, run] of Object.entries(sides)) rounds[side].push(await concurrent(run, STREAMS));
}
const eps = (side) => median(rounds[side].map((r) => r.eventsPerSecond));
const loadTtft = (side) => rounds[side].flatMap((r) => r.ttfts);

const seq = { a: [], b: [], c: [] };
for (let i = 0; i < SEQUENTIAL; i++) {
  for (const [side, run] of Object.entries(sides)) seq[side].push(await run());
}
const seqTtft = (side) => seq[side].map((r) => r.ttft);
const seqTotal = (side) => seq[side].map((r) => r.total);

const fmt = (n) => `${Math.round(n).toLocaleString('en-US')} events/s`;
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
