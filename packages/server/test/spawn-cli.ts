import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cliPath = fileURLToPath(new URL('../src/cli/cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A running `company-chat serve` child process. */
export interface CliProcess {
  child: ChildProcess;
  url: string;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Spawns the CLI from source (tsx, workspace packages resolved to their sources) on a free port, with
 * only the given environment (never the developer's real keys), and waits for its "listening" line.
 */
export function spawnCli(env: Record<string, string>, args: string[] = []): Promise<CliProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@company-chat/source', cliPath, 'serve', '--port', '0', ...args],
    // In memory unless the test picks a store: parallel CLIs must not share the default PGlite directory.
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', COMPANY_CHAT_STORE: 'memory', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      // The line is JSON when stdout is not a terminal: the URL ends at the closing quote.
      const match = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, output: () => out, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => reject(new Error(`CLI exited with ${code} before listening:\n${out}`)));
  });
}
