// What the server benchmarks share (stream-overhead, gateway-overhead, capacity): TypeScript children
// started through tsx, a streaming HTTP client that reads SSE with cheap string scans, per-process CPU
// and memory from /proc, and percentiles.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (children run there, so workspace packages resolve). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const children = [];
/** Stops every child started by {@link startChild} (before dropping what they use, e.g. a schema). */
export async function stopChildren() {
  const running = children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill();
        }),
    ),
  );
}
process.on('exit', () => {
  for (const child of children) child.kill();
});
// Interrupted (Ctrl-C, a timeout): exit through the handler above, so no server is left behind.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/**
 * Starts a TypeScript child (through tsx, resolving workspace packages to their sources); resolves its
 * first stdout line as JSON, with the child's `pid` added.
 */
export function startChild(script, env = {}, nodeFlags = []) {
  const flags = [...nodeFlags, '--import', 'tsx', '--conditions=@company-chat/source'];
  const child = spawn(process.execPath, [...flags, script], {
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
      if (nl >= 0) resolve({ ...JSON.parse(out.slice(0, nl)), pid: child.pid });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** A keep-alive agent without a socket limit, for the load generators. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/**
 * One streamed request. Counts SSE events (blank-line terminated) and notes when the first answer token
 * arrives (`marker`). Only cheap string scans run per chunk, so the client is not the bottleneck.
 * `onChunk(now)` (optional) is called for each chunk that carries a token, found by `chunkMarker` (token
 * gaps, bench/capacity).
 */
export function streamOnce(url, body, headers, marker, onChunk, chunkMarker = marker) {
  return streamAttempt(url, body, headers, marker, onChunk, chunkMarker).catch((error) => {
    // Node's keep-alive race: a pooled socket the server closed as idle (keepAliveTimeout) just as we
    // reused it. Node's docs recommend retrying; it happens before any byte of the answer.
    if (error.retryable) return streamAttempt(url, body, headers, marker, onChunk, chunkMarker);
    throw error;
  });
}

function streamAttempt(url, body, headers, marker, onChunk, chunkMarker) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttft = -1;
    let events = 0;
    let tail = '';
    let last = '';
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('error', (error) => {
      error.retryable = req.reusedSocket && error.code === 'ECONNRESET' && ttft < 0 && events === 0;
      reject(error);
    });
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
        if (onChunk && chunk.includes(chunkMarker)) onChunk(performance.now());
        for (let i = text.indexOf('\n\n'); i >= 0; i = text.indexOf('\n\n', i + 2)) {
          if (i >= tail.length - 1) events++;
        }
        tail = text.slice(-64);
        last = text;
      });
      // `last`: the last chunk read (with the end of the one before), where the answer's end is told.
      res.on('end', () => resolve({ ttft, total: performance.now() - t0, events, last }));
      res.on('error', reject);
    });
    req.end(body);
  });
}

/** The request body of a streamed OpenAI chat completion, as our provider and the load generators send it. */
export const upstreamBody = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Write a long answer.' }],
  stream: true,
  stream_options: { include_usage: true },
});
/** The body of our `POST /api/v1/chat`. */
export const ourBody = JSON.stringify({ content: 'Write a long answer.' });
/** What the first token of a synthetic answer looks like on the OpenAI wire, and on ours. */
export const UPSTREAM_MARKER = '"content":"tok0"';
// Every token of the synthetic answer (`tok0 tok1 ...`) carries `tok`; nothing else in the stream does.
const UPSTREAM_TOKEN = 'tok';
export const OUR_MARKER = 'event: text-delta';

/** A streamed completion straight from an OpenAI-compatible base URL (the upstream, or a proxy of it). */
export const openaiStream = (baseURL, onChunk) =>
  streamOnce(
    `${baseURL}/chat/completions`,
    upstreamBody,
    { authorization: 'Bearer bench' },
    UPSTREAM_MARKER,
    onChunk,
    UPSTREAM_TOKEN,
  );
/** A streamed answer from our server's chat route. */
export const ourStream = (url, onChunk) => streamOnce(`${url}/api/v1/chat`, ourBody, {}, OUR_MARKER, onChunk);

/** CPU time (user + system, ms) of each process so far, from /proc (Linux, 10 ms ticks); zeros elsewhere. */
export function cpuTimes(pids) {
  const out = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 Hz on Linux).
      out[name] = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      out[name] = 0;
    }
  }
  return out;
}

/**
 * CPU time (ms, nanosecond resolution) of each process so far: the sum over its live threads of the
 * first field of /proc/<pid>/task/<tid>/schedstat. Fine-grained enough to split one request's cost.
 */
export function cpuTimesFine(pids) {
  const out = {};
  for (const [name, pid] of Object.entries(pids)) {
    let ns = 0;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        } catch {
          // The thread ended between the listing and the read.
        }
      }
    } catch {
      ns = 0;
    }
    out[name] = ns / 1e6;
  }
  return out;
}

/** Whether a stream read by {@link streamOnce} ended as a whole answer (`[DONE]`, or our `complete` message-end). */
export const endedWhole = (result) =>
  result.last.includes('data: [DONE]') || /event: message-end\n[^\n]*"status":"complete"/.test(result.last);

/** Resident set size of a process in bytes (/proc/<pid>/status VmRSS), 0 when unknown. */
export function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The p-th percentile (nearest rank) of `values`. */
export const pct = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
/** The median of `values`. */
export const median = (values) => pct(values, 50);
/** `12.34 ms`. */
export const ms = (v) => `${v.toFixed(2)} ms`;
