import { Writable } from 'node:stream';
import { createApiKeys, createChatEngine, createMemoryApiKeyStore, createMemoryChatStore } from '@company-chat/core';
import { parseSse } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../src/config/config-from-env.js';
import { createServerLogger, type LogLevel, serverLoggerFromEnv } from '../src/config/server-logger.js';
import { createChatApp } from '../src/index.js';
import { type CliProcess, spawnCli } from './spawn-cli.js';

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
});
afterAll(() => wire.close());
beforeEach(() => wire.reset());

type Line = Record<string, unknown> & { level: string; time: string; msg: string };

/** A JSON logger whose lines are parsed into `lines` (a line that is not JSON fails the test here). */
function capture(level: LogLevel = 'info') {
  const lines: Line[] = [];
  const logger = createServerLogger({
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe('the server logger', () => {
  it('writes one JSON object a line with level, ISO time and message', () => {
    const { logger, lines } = capture();
    logger.info('company-chat listening on http://127.0.0.1:3000', { port: 3000 });
    expect(lines).toEqual([
      { level: 'info', time: expect.any(String), msg: 'company-chat listening on http://127.0.0.1:3000', port: 3000 },
    ]);
    expect(new Date(lines[0]!.time).toISOString()).toBe(lines[0]!.time);
  });

  it('masks PII and secrets with the audit log masker, keeping what the operator needs', () => {
    const { logger, lines } = capture();
    const error = new Error('upstream said: Incorrect API key provided: sk-proj-abcdefghijklmnop');
    logger.warn('sign-in by ann.lee@example.com failed', {
      requestId: 'req-1',
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl',
      apiKey: 'cc_live_0123456789abcdefghij0123456789abcdefghij',
      content: 'my salary is 100k',
      message: 'The provider refused the key sk-ant-api03-abcdefghijk for ann.lee@example.com',
      inputTokens: 120,
      error,
    });
    const [line] = lines;
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'sign-in by a***@example.com failed',
      requestId: 'req-1',
      authorization: '[redacted]',
      apiKey: '[redacted]',
      content: '[redacted]',
      message: 'The provider refused the key [redacted] for a***@example.com',
      inputTokens: 120,
      error: { type: 'Error', message: 'upstream said: Incorrect API key provided: [redacted]' },
    });
    expect((line!.error as { stack: string }).stack).toMatch(
      /^Error: upstream said: Incorrect API key provided: \[redacted\]\n/,
    );
    const text = JSON.stringify(lines);
    for (const secret of ['sk-proj-', 'sk-ant-', 'eyJ', 'cc_live_', 'ann.lee', 'salary'])
      expect(text).not.toContain(secret);
  });

  it('drops lines below the level', () => {
    for (const [level, kept] of [
      ['debug', ['debug', 'info', 'warn', 'error']],
      ['info', ['info', 'warn', 'error']],
      ['warn', ['warn', 'error']],
      ['error', ['error']],
      ['silent', []],
    ] as const) {
      const { logger, lines } = capture(level);
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      expect(lines.map((l) => l.level)).toEqual(kept);
    }
  });

  it('is human-readable (not JSON) in the pretty format', () => {
    let out = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString('utf8');
        done();
      },
    });
    const logger = createServerLogger({ format: 'pretty', colorize: false, destination });
    logger.warn('provider failed', { requestId: 'req-7', email: 'bob@example.com' });
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: provider failed\n/);
    expect(out).toContain('requestId: "req-7"');
    expect(out).toContain('b***@example.com');
    expect(() => JSON.parse(out)).toThrow();
  });

  it('reads LOG_LEVEL and COMPANY_CHAT_LOG_FORMAT, refusing values it does not know', () => {
    expect(() => serverLoggerFromEnv({ LOG_LEVEL: 'verbose' }, {})).toThrow(ConfigError);
    expect(() => serverLoggerFromEnv({ LOG_LEVEL: 'verbose' }, {})).toThrow(/LOG_LEVEL/);
    expect(() => serverLoggerFromEnv({ COMPANY_CHAT_LOG_FORMAT: 'xml' }, {})).toThrow(/COMPANY_CHAT_LOG_FORMAT/);
    expect(serverLoggerFromEnv({ LOG_LEVEL: 'warn' }, { isTTY: true })).toBeDefined();
  });
});

describe('request ids in the log lines of an app', () => {
  async function setup(trustProxy?: number) {
    const { logger, lines } = capture();
    const engine = createChatEngine({
      models: configFromEnv({
        OPENAI_BASE_URL: wire.openaiBaseURL,
        OPENAI_API_KEY: 'sk-wire',
        OPENAI_MODEL: 'gpt-4o-mini',
        ANTHROPIC_BASE_URL: wire.anthropicBaseURL,
        ANTHROPIC_API_KEY: 'sk-wire',
      }).models,
      store: createMemoryChatStore(),
      logger,
      tokenCounter: { count: (text) => Math.ceil(text.length / 4) },
    });
    const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
    const created = await apiKeys.create({
      tenantId: 'acme',
      userId: 'ann',
      name: 'ann',
      scopes: ['chat'],
      roles: ['user'],
    });
    const app = createChatApp({
      engine,
      logger,
      auth: { apiKeys, ...(trustProxy ? { trustProxy } : {}) },
    });
    return { app, lines, headers: { 'x-api-key': created.key } };
  }

  it('puts the id of the X-Request-Id header on the request line and on the engine lines about it', async () => {
    const { app, lines, headers } = await setup();
    wire.script({ type: 'error', status: 503, errorType: 'overloaded' });
    const res = await app.request('/api/v1/chat', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'my email is ann.lee@example.com' }),
    });
    const events = parseSse(await res.text());
    expect(events.at(-1)).toMatchObject({ event: 'message-end', data: { status: 'complete' } });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const fallback = lines.find((l) => l.msg.includes('falling back'));
    expect(fallback).toMatchObject({ level: 'warn', requestId, from: 'openai-compatible/gpt-4o-mini' });
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({
      level: 'info',
      requestId,
      method: 'POST',
      route: '/api/v1/chat',
      path: '/api/v1/chat',
      status: 200,
      durationMs: expect.any(Number),
    });
    // Nothing the user typed reaches the log.
    expect(JSON.stringify(lines)).not.toContain('ann.lee');
  });

  it('logs an unauthenticated request and a 404 with their ids and route patterns', async () => {
    const { app, lines, headers } = await setup();
    const denied = await app.request('/api/v1/conversations');
    const missing = await app.request('/api/v1/conversations/c-123', { headers });
    expect([denied.status, missing.status]).toEqual([401, 404]);
    expect(lines.filter((l) => l.msg === 'request').map((l) => [l.requestId, l.route, l.status])).toEqual([
      [denied.headers.get('x-request-id'), '/api/v1/conversations', 401],
      [missing.headers.get('x-request-id'), '/api/v1/conversations/:id', 404],
    ]);
  });

  it("keeps a caller's X-Request-Id only behind a trusted proxy", async () => {
    const direct = await setup();
    const res = await direct.app.request('/health/live', { headers: { 'x-request-id': 'forged-id' } });
    expect(res.headers.get('x-request-id')).not.toBe('forged-id');
    const proxied = await setup(1);
    const kept = await proxied.app.request('/health/live', { headers: { 'x-request-id': 'lb-7f3a' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a');
    // Health probes are logged at debug only: the info log is not flooded by load balancers.
    expect(proxied.lines.filter((l) => l.msg === 'request')).toEqual([]);
  });
});

describe('company-chat serve', { timeout: 90_000 }, () => {
  let cli: CliProcess | undefined;
  afterEach(async () => {
    cli?.child.kill('SIGKILL');
    await cli?.exited;
  });

  it('writes its start-up report and its requests as JSON lines when stdout is not a terminal', async () => {
    cli = await spawnCli({ OPENAI_BASE_URL: wire.openaiBaseURL, OPENAI_API_KEY: 'sk-wire', COMPANY_CHAT_DEV: '1' });
    const res = await fetch(`${cli.url}/api/v1/models`);
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    const parsed = () =>
      cli!
        .output()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Line);
    // The request line is written before the response is sent.
    const request = parsed().find((l) => l.msg === 'request');
    expect(request).toMatchObject({ level: 'info', requestId, route: '/api/v1/models', status: 200 });
    expect(parsed().map((l) => l.msg)).toContain(`company-chat listening on ${cli.url}`);
    expect(parsed().some((l) => l.level === 'info' && /^Metrics: Prometheus metrics at /.test(l.msg))).toBe(true);
    expect(cli.output()).not.toContain('sk-wire');
  });
});
