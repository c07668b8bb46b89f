// Quota benchmark (issue 6). Two server processes share one Redis; one user sends 1,000 chats at once,
// spread over both. Their budget (tokensPerDay) admits exactly 10 worst-case answers (each answer uses
// the worst case, 900 + 100 tokens), so exactly 10 must be admitted and the final spend must equal the cap
// with nothing left reserved. Then the same 1,000 sends with a budget that admits all, quotas on versus
// off (same two processes each), give the latency the quota check adds: time to response headers on the
// client (p50, p99) and the time spent in the ledger and limiter on the servers.
// Run: pnpm -F @company-chat/bench quota   (REDIS_URL, else the local Redis; BENCH_SENDS, BENCH_CONCURRENCY)
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Principal } from '@company-chat/core';
import { connectRedis, createRedisQuotaLedger } from '@company-chat/core/redis';
import { TEST_REDIS_URL } from '@company-chat/testing/databases';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const SENDS = Number(process.env.BENCH_SENDS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const REDIS_URL = TEST_REDIS_URL;
const WORST = 1000;
const CAP = 10 * WORST;

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill();
});

interface Server {
  url: string;
  stats: string;
  child: ChildProcess;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@company-chat/source', join(here, 'server.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, REDIS_URL, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ ...JSON.parse(out.slice(0, nl)), child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stop(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.child.removeAllListeners('exit');
          s.child.once('exit', () => resolve());
          s.child.kill('SIGTERM');
        }),
    ),
  );
}

interface SendResult {
  status: number;
  headersMs: number;
}

async function send(url: string): Promise<SendResult> {
  const start = performance.now();
  const res = await fetch(`${url}/api/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'bench-user' },
    body: JSON.stringify({ content: 'How much budget is left?' }),
  });
  const headersMs = performance.now() - start;
  await res.text();
  return { status: res.status, headersMs };
}

/** Sends `SENDS` chats alternating between the servers, at most `concurrency` in flight. */
async function sendAll(servers: Server[], concurrency: number): Promise<SendResult[]> {
  const results: SendResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, SENDS) }, async () => {
      while (next < SENDS) {
        const i = next++;
        results.push(await send(servers[i % servers.length]!.url));
      }
    }),
  );
  return results;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function serverChecks(servers: Server[]): Promise<number[]> {
  const all = await Promise.all(
    servers.map(async (s) => ((await (await fetch(s.stats)).json()) as { checks: number[] }).checks),
  );
  return all.flat();
}

// 1. Exactly the budget, 1,000 at once over two processes.
const prefix = `cc:bench:${crypto.randomUUID()}:`;
const servers = await Promise.all(
  [0, 1].map(() => startServer({ BENCH_QUOTAS: 'on', BENCH_CAP_TOKENS: String(CAP), BENCH_KEY_PREFIX: prefix })),
);
const burst = await sendAll(servers, SENDS);
const admitted = burst.filter((r) => r.status === 200).length;
const refused = burst.filter((r) => r.status === 429).length;
const other = burst.length - admitted - refused;
await stop(servers);
const redis = await connectRedis(REDIS_URL);
const ledger = createRedisQuotaLedger({ redis, tiers: { free: { tokensPerDay: CAP } }, keyPrefix: `${prefix}q:` });
const principal: Principal = { tenantId: 'default', userId: 'bench-user', roles: ['user'], tier: 'free', via: 'dev' };
const day = (await ledger.usage(principal)).find((u) => u.scope === 'user' && u.limit === 'tokensPerDay');

console.log(`quota benchmark: ${SENDS} concurrent sends from one user over 2 server processes sharing Redis`);
console.log(`  budget: tokensPerDay ${CAP} = 10 worst-case answers of ${WORST} tokens`);
console.log(`  admitted: ${admitted} (must be 10)   refused 429: ${refused}   other: ${other}`);
console.log(`  final spend: ${day?.used} tokens of ${day?.max} (cap)   still reserved: ${day?.reserved}`);

// 2. Latency added by the quota check: the same sends, all admitted, quotas on vs off. Both pairs of
// processes run side by side and the rounds alternate, so machine noise hits both alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const pairs = {
  off: await Promise.all([0, 1].map(() => startServer({ BENCH_QUOTAS: 'off' }))),
  on: await Promise.all(
    [0, 1].map(() =>
      startServer({
        BENCH_QUOTAS: 'on',
        BENCH_CAP_TOKENS: String(1e12),
        BENCH_KEY_PREFIX: `cc:bench:${crypto.randomUUID()}:`,
      }),
    ),
  ),
};
const results: Record<string, { headers: number[]; checks: number[]; p50: number; p99: number }> = {
  off: { headers: [], checks: [], p50: 0, p99: 0 },
  on: { headers: [], checks: [], p50: 0, p99: 0 },
};
for (const mode of ['off', 'on'] as const) {
  await sendAll(pairs[mode], CONCURRENCY); // warm-up (JIT, connections)
  await serverChecks(pairs[mode]);
}
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
    const run = await sendAll(pairs[mode], CONCURRENCY);
    const bad = run.filter((r) => r.status !== 200).length;
    if (bad > 0) console.log(`  warning: ${bad} sends were not admitted with quotas ${mode}`);
    results[mode]!.headers.push(...run.map((r) => r.headersMs));
    results[mode]!.checks.push(...(await serverChecks(pairs[mode])));
  }
}
for (const r of Object.values(results)) {
  r.p50 = percentile(r.headers, 50);
  r.p99 = percentile(r.headers, 99);
}
await stop([...pairs.off, ...pairs.on]);
const on = results.on!;
const off = results.off!;
console.log(
  `\nlatency, ${ROUNDS} rounds of ${SENDS} sends at concurrency ${CONCURRENCY} over 2 processes (time to response headers):`,
);
console.log(`  quotas off: p50 ${ms(off.p50)}  p99 ${ms(off.p99)}`);
console.log(`  quotas on:  p50 ${ms(on.p50)}  p99 ${ms(on.p99)}`);
console.log(
  `  added:      p50 ${ms(on.p50 - off.p50)}  p99 ${ms(on.p99 - off.p99)}   (ratio p50 ${(on.p50 / off.p50).toFixed(2)}x)`,
);
console.log(
  `  on the servers, per Redis quota call (stream slot or reservation, 2 per answer): p50 ${ms(percentile(on.checks, 50))}  p99 ${ms(percentile(on.checks, 99))}  (${on.checks.length} calls)`,
);
await redis.quit();
process.exit(admitted === 10 && day?.used === CAP && day?.reserved === 0 ? 0 : 1);
