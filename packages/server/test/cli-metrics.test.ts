import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './spawn-cli.js';

let wire: WireServer;
const running: CliProcess[] = [];
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill('SIGKILL');
    await cli.exited;
  }
});

async function start(env: Record<string, string>) {
  const cli = await spawnCli({ OPENAI_BASE_URL: wire.openaiBaseURL, OPENAI_API_KEY: 'sk-wire', ...env });
  running.push(cli);
  return cli;
}

/** The `msg` of the start-up report's metrics line. */
function metricsLine(cli: CliProcess): string | undefined {
  return cli
    .output()
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { msg: string }).msg)
    .find((msg) => msg.startsWith('Metrics: '));
}

// Each test spawns the CLI from source: several seconds on a busy machine.
describe('company-chat serve: metrics', { timeout: 90_000 }, () => {
  it('serves /metrics on COMPANY_CHAT_METRICS_PORT without credentials, and not on the app port', async () => {
    const cli = await start({ COMPANY_CHAT_METRICS_PORT: '0', COMPANY_CHAT_DEV: '1' });
    const url = /Prometheus metrics at (http:\/\/[^\s]+)\/metrics, without credentials/.exec(
      metricsLine(cli) ?? '',
    )?.[1];
    expect(url).toBeDefined();
    expect(url).not.toBe(cli.url);
    expect((await fetch(`${cli.url}/api/v1/models`)).status).toBe(200);
    expect((await fetch(`${cli.url}/metrics`)).status).toBe(404);
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    const families = new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));
    expect(families.get('company_chat_http_requests_total')?.metrics).toContainEqual({
      value: '1',
      labels: { method: 'GET', route: '/api/v1/models', status: '200' },
    });
    expect(families.has('nodejs_eventloop_lag_seconds')).toBe(true);
    expect((await fetch(`${url}/api/v1/models`)).status).toBe(404);
  });

  it('serves no /metrics with COMPANY_CHAT_METRICS=off', async () => {
    const cli = await start({ COMPANY_CHAT_METRICS: 'off', COMPANY_CHAT_DEV: '1' });
    expect(metricsLine(cli)).toBe('Metrics: off (COMPANY_CHAT_METRICS=off).');
    expect((await fetch(`${cli.url}/metrics`)).status).toBe(404);
  });
});
