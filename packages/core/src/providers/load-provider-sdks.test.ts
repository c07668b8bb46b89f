// The vendor SDKs are imported when a model of theirs is first used, not with the package: a server
// with no OpenAI or Anthropic model never loads them, and one whose SDK is missing says so.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Runs in a child process whose module resolution refuses both SDKs, as if they were not installed.
const script = `
import { register } from 'node:module';
const refuse = 'export async function resolve(specifier, context, next) {' +
  ' if (specifier === "openai" || specifier === "@anthropic-ai/sdk") throw new Error("not installed: " + specifier);' +
  ' return next(specifier, context); }';
register('data:text/javascript,' + encodeURIComponent(refuse));
const core = await import('@company-chat/core');
const engine = core.createChatEngine({ models: { default: core.offline() }, store: core.createMemoryChatStore() });
await engine.warmUp();
const failures = [];
for (const model of [core.openai({ apiKey: 'k', model: 'm' }), core.anthropic({ apiKey: 'k', model: 'm' })]) {
  try {
    for await (const _ of model.doStream({ messages: [{ role: 'user', content: 'hi' }] })) {}
  } catch (error) {
    failures.push({ code: error.code, message: error.message });
  }
}
console.log(JSON.stringify(failures));
`;

describe('provider SDKs', () => {
  it('are not loaded with the package, and a missing one fails its model with a clear error', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@company-chat/source', '--import', 'tsx', '--input-type=module', '-e', script],
      // In the package's directory, where `@company-chat/core` resolves to itself.
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: 120_000 },
    );
    expect(JSON.parse(stdout)).toEqual([
      { code: 'upstream', message: expect.stringContaining('The `openai` package could not be loaded') },
      { code: 'upstream', message: expect.stringContaining('The `@anthropic-ai/sdk` package could not be loaded') },
    ]);
  }, 150_000);
});
