import { describe, expect, it } from 'vitest';
import { spawnCli } from './spawn-cli.js';

// Spawning the CLI from source takes seconds on a busy machine.
describe('company-chat serve with a bad enumerated value', { timeout: 90_000 }, () => {
  it.each([
    ['COMPANY_CHAT_STORE', 'memry', 'COMPANY_CHAT_STORE must be one of memory (or unset), got "memry".'],
    ['COMPANY_CHAT_DEV', 'yes', 'COMPANY_CHAT_DEV must be one of 0, 1, true, false (or unset), got "yes".'],
  ])('%s=%s stops the server at start with a message naming the variable', async (name, value, message) => {
    const error = await spawnCli({ [name]: value }).then(
      (cli) => {
        cli.child.kill('SIGKILL');
        return new Error('the server started');
      },
      (e: Error) => e,
    );
    expect(error.message).toContain('CLI exited with 1 before listening');
    expect(error.message).toContain(`company-chat: ${message}`);
  });
});
