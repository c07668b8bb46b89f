import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A chat server running in a child process (see chat-server-process.ts). */
export interface SpawnedChatServer {
  url: string;
  close(): Promise<void>;
}

/** Starts test/chat-server-process.ts through tsx, from the TypeScript sources, and waits for its URL. */
export async function spawnChatServer(): Promise<SpawnedChatServer> {
  // A path string, not `new URL()`: in a DOM environment `URL` is the DOM's, which node:url rejects.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'chat-server-process.ts');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@company-chat/source', '--import', 'tsx', script],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /CHAT_SERVER_URL=(\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`chat server exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
