import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cliPath = fileURLToPath(new URL('../src/cli/cli.ts', import.meta.url));

/** Runs the CLI from source with no configuration; resolves with its exit code and output either way. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', '--conditions=@company-chat/source', cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', COMPANY_CHAT_STORE: 'memory' },
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

// Each case spawns the CLI from source: seconds on a busy machine.
describe('company-chat help and argument errors', { timeout: 90_000 }, () => {
  it('--help lists every command, ingest included, and exits 0', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['serve', 'ingest <folder|files...>', 'migrate', 'help']) {
      expect(stdout).toMatch(new RegExp(`^  ${command.replace(/[|.]/g, '\\$&')} `, 'm'));
    }
    expect(stdout).toContain('--collection <name>');
  });

  it('ingest --help prints the ingest usage and exits 0', async () => {
    const { code, stdout } = await cli('ingest', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: company-chat ingest <folder\|files\.\.\.> \[options\]/);
    expect(stdout).toContain('--prune');
  });

  it('an unknown option is named in plain words, with the usage, exit 2', async () => {
    const { code, stderr } = await cli('serve', '--bogus');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^company-chat: Unknown option "--bogus"\.\n\nUsage: company-chat/);
    expect(stderr).not.toMatch(/positional/);
    const ingest = await cli('ingest', 'docs', '--colection', 'hr');
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/^company-chat ingest: Unknown option "--colection"\./);
  });
});
