// OpenAI-gateway benchmark (issue 14): the latency our gateway adds to a streamed chat completion, against
// calling the upstream directly and against a bare Hono pass-through proxy, in the same run. Four
// processes: the upstream (the wire server in fast mode), the proxy (proxy.ts), our server (gateway.ts:
// API key, quotas, usage log, `openai()` provider, engine.complete(), `/v1/chat/completions`) and this
// client, so no server shares an event loop with the client measuring it.
//
//   (a) direct:  POST upstream /v1/chat/completions
//   (b) proxy:   POST proxy /v1/chat/completions  → upstream
//   (c) gateway: POST our /v1/chat/completions    → provider → upstream
//
// Requests run one at a time, the three targets interleaved in a shuffled order each round, after a
// warm-up. Prints p50/p90/p99 of the time to the first answer token and to the end of the answer, what (b)
// and (c) add to (a) at each percentile, and the ratios c/a, c/b and b/a.
// Environment: BENCH_REQUESTS (300 per target), BENCH_TOKENS (20 answer tokens), BENCH_WARMUP (30).
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/stream-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const body = JSON.stringify({
  model: 'default',
  stream: true,
  messages: [{ role: 'user', content: 'Hello, how are you today?' }],
});

/** One streamed completion: ms to the first answer token (`tok0`) and to the end of the body. */
function completion(url, key) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = -1;
    const req = http.request(`${url}/v1/chat/completions`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${url}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      let seen = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (first < 0) {
          seen += chunk;
          if (seen.includes('tok0')) first = performance.now() - t0;
        }
      });
      res.on('end', () => {
        if (first < 0) reject(new Error(`${url}: no answer token`));
        else resolve({ ttft: first, total: performance.now() - t0 });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function shuffle(list) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const upstream = await startChild(join(here, '../stream-overhead/upstream.ts'), { BENCH_TOKENS: String(TOKENS) });
const [proxy, gateway] = await Promise.all([
  startChild(join(here, 'proxy.ts'), { OPENAI_BASE_URL: upstream.openaiBaseURL }),
  startChild(join(here, 'gateway.ts'), { OPENAI_BASE_URL: upstream.openaiBaseURL }),
]);
const targets = [
  { name: 'direct', url: upstream.url, key: 'bench' },
  { name: 'proxy', url: proxy.url, key: 'bench' },
  { name: 'gateway', url: gateway.url, key: gateway.key },
];
const loadBefore = loadavg()[0];
for (let i = 0; i < WARMUP; i++) for (const t of targets) await completion(t.url, t.key);
const samples = Object.fromEntries(targets.map((t) => [t.name, { ttft: [], total: [] }]));
for (let i = 0; i < REQUESTS; i++) {
  for (const t of shuffle(targets)) {
    const r = await completion(t.url, t.key);
    samples[t.name].ttft.push(r.ttft);
    samples[t.name].total.push(r.total);
  }
}
const loadAfter = loadavg()[0];

const ps = [50, 90, 99];
const stats = {};
for (const t of targets) {
  stats[t.name] = {};
  for (const metric of ['ttft', 'total']) {
    const sorted = samples[t.name][metric].sort((a, b) => a - b);
    stats[t.name][metric] = Object.fromEntries(ps.map((p) => [p, percentile(sorted, p)]));
  }
}
const ms = (v) => v.toFixed(2).padStart(8);
console.log(
  `openai-gateway: ${REQUESTS} streamed completions of ${TOKENS} tokens per target, sequential, interleaved; ` +
    `${availableParallelism()} cores, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
);
for (const metric of ['ttft', 'total']) {
  console.log(`\n${metric === 'ttft' ? 'time to first token' : 'whole answer'} (ms)      p50      p90      p99`);
  for (const t of targets) {
    const s = stats[t.name][metric];
    console.log(`  (${t.name[0]}) ${t.name.padEnd(9)}            ${ps.map((p) => ms(s[p])).join(' ')}`);
  }
  for (const [label, x, y] of [
    ['added by proxy   (b-a)', 'proxy', 'direct'],
    ['added by gateway (c-a)', 'gateway', 'direct'],
    ['gateway over proxy (c-b)', 'gateway', 'proxy'],
  ]) {
    console.log(`  ${label.padEnd(24)}  ${ps.map((p) => ms(stats[x][metric][p] - stats[y][metric][p])).join(' ')}`);
  }
  for (const [label, x, y] of [
    ['ratio c/a', 'gateway', 'direct'],
    ['ratio c/b', 'gateway', 'proxy'],
    ['ratio b/a', 'proxy', 'direct'],
  ]) {
    console.log(
      `  ${label.padEnd(24)}  ${ps.map((p) => (stats[x][metric][p] / stats[y][metric][p]).toFixed(2).padStart(8)).join(' ')}`,
    );
  }
}
console.log('\nPublished anchor: LiteLLM adds about 3 ms (its proxy overhead at p50).');
process.exit(0);
