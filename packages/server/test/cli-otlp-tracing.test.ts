import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSse } from '@company-chat/testing/http';
import { spawnRuntime } from '@company-chat/testing/runtimes';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './spawn-cli.js';

/** One export request an OTLP receiver got. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in OpenTelemetry collector: records OTLP/HTTP requests and answers them as a collector does. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const json = (req.headers['content-type'] ?? '').includes('json');
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : '');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    server,
  };
}

let wire: WireServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const running: CliProcess[] = [];
beforeAll(async () => {
  wire = await startWireServer({ apiKey: 'sk-wire' });
  receiver = await startReceiver();
});
afterAll(async () => {
  await wire.close();
  receiver.server.close();
});
afterEach(async () => {
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await cli.exited;
  }
  receiver.received.length = 0;
});

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN_ID = 'b7ad6b7169203331';

// The `bun` npm package (a root devDependency) ships the binary; Bun runs the CLI's TypeScript as it is.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bunBinary = join(repoRoot, 'node_modules/bun/bin/bun.exe');
const cliPath = fileURLToPath(new URL('../src/cli/cli.ts', import.meta.url));

/** The CLI under Bun, started like {@link spawnCli} (memory store, only the given environment). */
async function spawnBunCli(env: Record<string, string>, args: string[] = []): Promise<CliProcess> {
  const server = await spawnRuntime({
    command: bunBinary,
    args: ['--conditions=@company-chat/source', 'run', cliPath, 'serve', '--port', '0', ...args],
    cwd: repoRoot,
    env: { COMPANY_CHAT_STORE: 'memory', ...env },
  });
  const exited = new Promise<number | null>((resolve) => {
    if (server.child.exitCode !== null) resolve(server.child.exitCode);
    else server.child.once('exit', (code) => resolve(code));
  });
  return { child: server.child, url: server.url, output: () => '', exited };
}

/** Starts the CLI with OTLP export to the receiver, sends one chat, stops the CLI (which flushes the spans). */
async function chatThenStop(
  env: Record<string, string>,
  spawn: typeof spawnCli = spawnCli,
): Promise<{ cli: CliProcess; received: Received[] }> {
  const cli = await spawn(
    {
      OPENAI_BASE_URL: wire.openaiBaseURL,
      OPENAI_API_KEY: 'sk-wire',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'chat-under-test',
      ...env,
    },
    ['--dev'],
  );
  running.push(cli);
  const res = await fetch(`${cli.url}/api/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` },
    body: JSON.stringify({ content: 'hello' }),
  });
  expect(parseSse(await res.text()).at(-1)).toMatchObject({ event: 'message-end', data: { status: 'complete' } });
  // Spans are batched; shutting down sends what is left, before the process exits.
  cli.child.kill('SIGTERM');
  expect(await cli.exited).toBe(0);
  return { cli, received: receiver.received };
}

type ResourceSpans = Array<{
  resource: { attributes: Array<{ key: string; value: OtlpValue }> };
  scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
}>;

/** The spans of OTLP/HTTP JSON export requests, and the service they name. */
function jsonSpans(received: Received[]): { service: string | undefined; spans: OtlpSpan[] } {
  const resourceSpans = received.flatMap((r) => JSON.parse(r.body.toString('utf8')).resourceSpans as ResourceSpans);
  const service = resourceSpans[0]?.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
  return { service, spans: resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)) };
}

/** The request span continues the caller's trace; the model-call span is its child. */
function expectChatTrace(spans: OtlpSpan[]): void {
  const request = spans.find((s) => s.name === 'POST /api/v1/chat');
  const chat = spans.find((s) => s.name === 'chat gpt-4o-mini');
  expect(request).toMatchObject({ traceId: TRACE_ID, parentSpanId: CALLER_SPAN_ID });
  expect(attribute(request!, 'http.response.status_code')).toBe(200);
  expect(chat).toMatchObject({ traceId: TRACE_ID, parentSpanId: request!.spanId });
  expect(attribute(chat!, 'gen_ai.operation.name')).toBe('chat');
  expect(attribute(chat!, 'gen_ai.provider.name')).toBe('openai-compatible');
  expect(attribute(chat!, 'gen_ai.usage.output_tokens')).toBeGreaterThan(0);
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: OtlpValue }>;
};

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? value?.boolValue : Number(value.intValue));
};

describe('company-chat serve with OTEL_EXPORTER_OTLP_ENDPOINT', { timeout: 90_000 }, () => {
  it('exports the spans of a chat as OTLP/HTTP JSON, continuing the caller’s trace', async () => {
    const { cli, received } = await chatThenStop({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect(cli.output()).toContain(`Tracing: OTLP http/json to ${receiver.url}/v1/traces.`);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.path === '/v1/traces')).toBe(true);
    expect(received[0]!.headers['content-type']).toContain('application/json');
    const { service, spans } = jsonSpans(received);
    expect(service).toBe('chat-under-test');
    expectChatTrace(spans);
  });

  it('does the same under Bun', async () => {
    const { received } = await chatThenStop({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, spawnBunCli);
    const { service, spans } = jsonSpans(received);
    expect(service).toBe('chat-under-test');
    expectChatTrace(spans);
  });

  it('exports OTLP/HTTP protobuf by default', async () => {
    const { cli, received } = await chatThenStop({});
    expect(cli.output()).toContain(`Tracing: OTLP http/protobuf to ${receiver.url}/v1/traces.`);
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]!.headers['content-type']).toBe('application/x-protobuf');
    // Protobuf keeps strings as they are: the span names and attribute keys are in the bytes.
    const bytes = Buffer.concat(received.map((r) => r.body));
    for (const text of ['POST /api/v1/chat', 'chat gpt-4o-mini', 'gen_ai.usage.input_tokens', 'chat-under-test']) {
      expect(bytes.includes(Buffer.from(text))).toBe(true);
    }
    expect(bytes.includes(Buffer.from(TRACE_ID, 'hex'))).toBe(true);
  });

  it('refuses gRPC at start-up with a clear message, and says tracing is off without an endpoint', async () => {
    await expect(
      spawnCli({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, ['--dev']),
    ).rejects.toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL must be one of http\/protobuf, http\/json/);
    const cli = await spawnCli({}, ['--dev']);
    running.push(cli);
    expect(cli.output()).toContain('Tracing: off (set OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});
