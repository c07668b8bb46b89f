import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './spawn-cli.js';

const running: CliProcess[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill('SIGKILL');
    await cli.exited;
  }
});

const jwtSecret = { COMPANY_CHAT_JWT_SECRET: 'j'.repeat(32), COMPANY_CHAT_JWT_ISSUER: 'https://idp.example.com/' };

/** The CLI's output when it exits before listening (spawnCli rejects with it). */
async function refusal(env: Record<string, string>, args: string[] = []): Promise<string> {
  const error = await spawnCli(env, args).then(
    (cli) => {
      running.push(cli);
      throw new Error(`started although it should refuse:\n${cli.output()}`);
    },
    (e: unknown) => e as Error,
  );
  expect(error.message).toMatch(/CLI exited with 1 before listening/);
  return error.message;
}

// A few real start-ups of the command; the whole matrix is decideDevMode's test.
describe('company-chat serve: development mode only on loopback', { timeout: 90_000 }, () => {
  it('refuses HOST=0.0.0.0 without an identity and says what to configure', async () => {
    const out = await refusal({ HOST: '0.0.0.0' });
    expect(out).toContain(
      'Refusing to start in development mode (the default while no identity is configured) on 0.0.0.0',
    );
    expect(out).toMatch(/COMPANY_CHAT_JWT_SECRET or COMPANY_CHAT_JWKS_URL/);
    expect(out).toContain('HOST=127.0.0.1');
  });

  it('refuses --dev next to a JWT secret, and NODE_ENV=production without an identity', async () => {
    expect(await refusal(jwtSecret, ['--dev'])).toContain(
      '--dev cannot be combined with a configured identity (COMPANY_CHAT_JWT_SECRET)',
    );
    expect(await refusal({ NODE_ENV: 'production' })).toContain('with NODE_ENV=production');
  });

  it('starts on 0.0.0.0 with an identity, where X-User-Id is not trusted', async () => {
    const cli = await spawnCli({ ...jwtSecret, HOST: '0.0.0.0' });
    running.push(cli);
    expect(cli.output()).not.toMatch(/Development mode \(/);
    const port = new URL(cli.url).port;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/conversations`, { headers: { 'x-user-id': 'alice' } });
    expect(res.status).toBe(401);
  });

  it('starts in development mode on loopback by default', async () => {
    const cli = await spawnCli({});
    running.push(cli);
    expect(cli.output()).toContain('Development mode (no identity is configured)');
    const res = await fetch(`${cli.url}/api/v1/conversations`, { headers: { 'x-user-id': 'alice' } });
    expect(res.status).toBe(200);
  });
});
