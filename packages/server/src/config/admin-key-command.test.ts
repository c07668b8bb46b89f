import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY_COMMAND } from './admin-key-command.js';
import { ADMIN_KEY_PATTERN, identityFromEnv } from './identity-from-env.js';

const docs = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');

/** The shell block under "Generate an admin key:" in docs/configuration.md. */
const documented = /Generate an admin key:\s*```sh\n(.+)\n```/.exec(docs)?.[1];

describe('the documented admin-key generator', () => {
  it('is the command the start-up error quotes', () => {
    expect(documented).toBe(ADMIN_KEY_COMMAND);
  });

  it('prints a key the server accepts, run through a shell', async () => {
    const keys = Array.from({ length: 5 }, () => execFileSync('sh', ['-c', documented!], { encoding: 'utf8' }).trim());
    for (const key of keys) expect(key).toMatch(ADMIN_KEY_PATTERN);
    expect(new Set(keys).size).toBe(5);
    const identity = await identityFromEnv({ COMPANY_CHAT_ADMIN_KEY: keys[0] }, null);
    expect(identity.summary).toContain('bootstrap admin key for tenant default');
  });

  it('always has the full length: 2,000 runs of its script', () => {
    // The script inside `node -e "..."`, run in-process: spawning node 2,000 times would take minutes.
    const script = /^node -e "(.+)"$/.exec(documented!)?.[1];
    expect(script).toBeDefined();
    const printed: string[] = [];
    const run = compileFunction(script!, ['require', 'console']);
    const console = { log: (line: string) => printed.push(line) };
    for (let i = 0; i < 2000; i++) run(createRequire(import.meta.url), console);
    expect(printed).toHaveLength(2000);
    expect(printed.filter((key) => !ADMIN_KEY_PATTERN.test(key))).toEqual([]);
  });
});
