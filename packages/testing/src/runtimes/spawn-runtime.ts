import { type ChildProcess, spawn } from 'node:child_process';
import type { RuntimeServer } from '../conformance/runtime.case.test.js';

/** Options of {@link spawnRuntime}. */
export interface SpawnRuntimeOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/**
 * Starts a server process (bun, ...) with only the given environment and waits for its
 * `listening on <url>` line. `stop()` sends SIGTERM, then SIGKILL if it has not exited after 10 s.
 */
export function spawnRuntime(options: SpawnRuntimeOptions): Promise<RuntimeServer & { child: ChildProcess }> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      // Plain or a JSON log line (`"msg":"company-chat listening on http://…"`): the URL ends at a quote.
      const match = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    exited.then((code) => reject(new Error(`${options.command} exited with ${code} before listening:\n${out}`)));
  });
}
