import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicWireFormat } from './anthropic-wire-format.js';
import { azureWireFormat } from './azure-wire-format.js';
import { openaiEmbeddingsResponse } from './openai-embeddings-wire.js';
import { openaiWireFormat } from './openai-wire-format.js';
import { randomHex, type VendorFormat, type WireVendor } from './vendor-format.js';
import { countWords, splitTokens, syntheticTokens, type WireBehaviour } from './wire-behaviour.js';

export type { WireVendor } from './vendor-format.js';
export type { WireBehaviour } from './wire-behaviour.js';

/** Options of {@link startWireServer}. */
export interface WireServerOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** When set, any other key is answered with the vendor's 401. Any non-empty key is accepted otherwise. */
  apiKey?: string;
  /** The default answer text. */
  answer?: string;
  /** Benchmark mode: answer with this many synthetic tokens (`tok0 tok1 ...`), as fast as the socket takes them. */
  answerTokens?: number;
  /** Delay between content chunks of the default answer, in ms. Default 0. */
  chunkDelayMs?: number;
  /** Which vendor {@link WireServer.baseURL} points at. All three formats are always served. Default `openai`. */
  vendor?: WireVendor;
}

/** One request the server received, for assertions. */
export interface WireRequest {
  vendor: WireVendor | 'unknown';
  method: string;
  /** Path without the query, e.g. `/openai/deployments/gpt-4o/chat/completions`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON body, asserted on freely by tests.
  body: any;
  /** The behaviour used to answer, or undefined when the request failed validation. */
  behaviour: WireBehaviour | undefined;
  /** True when the client closed the connection before the server finished the response. */
  clientClosed: boolean;
  /** When the connection closed (either side), `Date.now()` ms. */
  closedAt: number | undefined;
  /** Resolves when the connection closed, whoever closed it. */
  closed: Promise<void>;
}

/** A running wire server. */
export interface WireServer {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** The SDK base URL (or Azure endpoint) for the `vendor` option. */
  baseURL: string;
  /** `baseURL` for the OpenAI SDK (`${url}/v1`). */
  openaiBaseURL: string;
  /** `baseURL` for the Anthropic SDK (the SDK appends `/v1/messages`). */
  anthropicBaseURL: string;
  /** `endpoint` for the AzureOpenAI client. */
  azureEndpoint: string;
  /** Every request received, oldest first. */
  requests: WireRequest[];
  /**
   * Queues behaviours for the next requests, one each; later requests get the default answer. A request whose
   * last user message contains `[[wire:{...behaviour JSON...}]]` uses that behaviour instead (queue untouched).
   */
  script(...behaviours: WireBehaviour[]): void;
  /** Forgets recorded requests and queued behaviours. */
  reset(): void;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

const defaultAnswer = 'Hello from the wire server. This answer arrives in several small chunks.';

function route(path: string): { format: VendorFormat } | undefined {
  if (path === '/v1/chat/completions') return { format: openaiWireFormat };
  if (path === '/v1/messages') return { format: anthropicWireFormat };
  if (/^\/openai\/deployments\/[^/]+\/chat\/completions$/.test(path)) return { format: azureWireFormat };
  return undefined;
}

const magicPattern = /\[\[wire:(\{.*?\})\]\]/s;

/**
 * A behaviour named in the last user message as `[[wire:{"type":"error","status":429}]]`, for tests that
 * drive the server through another process (the CLI, a browser) and cannot call `script()`.
 */
function magicBehaviour(body: unknown): WireBehaviour | undefined {
  const messages = (body as { messages?: Array<{ role?: unknown; content?: unknown }> } | null)?.messages;
  const last = messages?.filter((m) => m.role === 'user').at(-1);
  const text = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
  const match = magicPattern.exec(text);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1].replace(/\\"/g, '"')) as WireBehaviour;
  } catch {
    return undefined;
  }
}

function promptWords(body: { system?: unknown; messages?: Array<{ content?: unknown }> } | null): number {
  if (!body) return 0;
  let text = typeof body.system === 'string' ? body.system : '';
  for (const message of body.messages ?? [])
    text += ` ${typeof message.content === 'string' ? message.content : JSON.stringify(message.content)}`;
  return countWords(text);
}

/**
 * Starts a local HTTP server that speaks OpenAI's, Azure OpenAI's and Anthropic's streaming chat wire
 * formats (all three at once, on their own paths), with scripted faults. Used by the provider
 * conformance suite, the server and CLI tests and the stream-overhead benchmark.
 *
 * @example
 * ```ts
 * const wire = await startWireServer({ apiKey: 'sk-test' });
 * wire.script({ type: 'error', status: 429, retryAfter: '2' });
 * const model = openai({ baseURL: wire.openaiBaseURL, apiKey: 'sk-test', model: 'gpt-4o-mini' });
 * ```
 */
export async function startWireServer(options: WireServerOptions = {}): Promise<WireServer> {
  const queue: WireBehaviour[] = [];
  const requests: WireRequest[] = [];
  const tokens =
    options.answerTokens !== undefined
      ? syntheticTokens(options.answerTokens)
      : splitTokens(options.answer ?? defaultAnswer);

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://wire.local');
    const matched = req.method === 'POST' ? route(url.pathname) : undefined;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = null;
    }
    let closeResolve!: () => void;
    const record: WireRequest = {
      vendor: matched?.format.vendor ?? 'unknown',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      behaviour: undefined,
      clientClosed: false,
      closedAt: undefined,
      closed: new Promise<void>((resolve) => {
        closeResolve = resolve;
      }),
    };
    requests.push(record);
    let serverClosed = false;
    res.on('close', () => {
      record.closedAt = Date.now();
      record.clientClosed = !res.writableFinished && !serverClosed;
      closeResolve();
    });
    const sendError = (error: { status: number; headers: Record<string, string>; body: string }) => {
      res.writeHead(error.status, error.headers);
      res.end(error.body);
    };

    if (req.method === 'POST' && url.pathname === '/v1/embeddings') {
      sendError(openaiEmbeddingsResponse(req.headers, body, options.apiKey));
      return;
    }
    if (!matched) {
      sendError({
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: '{"error":{"message":"Not found","type":"invalid_request_error","param":null,"code":null}}',
      });
      return;
    }
    const { format } = matched;
    if (format.vendor === 'azure' && !url.searchParams.get('api-version')) {
      sendError(format.error(404, '404', 'Resource not found'));
      return;
    }
    const invalid =
      body === null
        ? format.error(400, undefined, 'We could not parse the JSON body of your request.')
        : format.validate(req.headers, body, options.apiKey);
    if (invalid) {
      sendError(invalid);
      return;
    }
    const behaviour: WireBehaviour = magicBehaviour(body) ??
      queue.shift() ?? { type: 'answer', chunkDelayMs: options.chunkDelayMs };
    record.behaviour = behaviour;

    if (behaviour.type === 'error') {
      const error = format.error(behaviour.status, behaviour.errorType, behaviour.message);
      if (behaviour.retryAfter !== undefined) error.headers['retry-after'] = behaviour.retryAfter;
      if (behaviour.retryAfterMs !== undefined) error.headers['retry-after-ms'] = behaviour.retryAfterMs;
      sendError(error);
      return;
    }
    if (behaviour.type === 'hang') return; // Nothing is sent; the 'close' listener records the client leaving.

    const stream = format.stream(body as Record<string, unknown>);
    if (behaviour.type === 'tool-call') {
      if (!stream.toolCall) {
        sendError(format.error(400, undefined, `The wire server scripts no tool calls for ${format.vendor}.`));
        return;
      }
      const inputTokens = promptWords(body as never);
      res.writeHead(200, stream.headers);
      res.write(stream.start(inputTokens));
      const pieces = behaviour.arguments.match(/[\s\S]{1,8}/g) ?? [];
      res.write(stream.toolCall(behaviour.id ?? `call_${randomHex(24)}`, behaviour.name, pieces));
      res.end(stream.finish('tool_calls', { inputTokens, outputTokens: pieces.length }));
      return;
    }
    const answer =
      behaviour.type === 'answer'
        ? (behaviour.tokens ?? (behaviour.text !== undefined ? splitTokens(behaviour.text) : tokens))
        : tokens;
    const faultAt = behaviour.type === 'answer' ? Number.POSITIVE_INFINITY : behaviour.afterChunks;
    const chunkDelay = behaviour.type === 'answer' ? (behaviour.chunkDelayMs ?? 0) : 0;
    const firstDelay = behaviour.type === 'answer' ? (behaviour.firstTokenDelayMs ?? 0) : 0;
    const isClosed = () => res.destroyed || res.writableEnded;

    const send = async (data: string, flush = false): Promise<void> => {
      if (isClosed()) return;
      if (flush) {
        await new Promise<void>((resolve) => res.write(data, () => resolve()));
        return;
      }
      if (!res.write(data)) await Promise.race([once(res, 'drain'), record.closed]);
    };
    const pause = (ms: number) => Promise.race([new Promise((resolve) => setTimeout(resolve, ms)), record.closed]);

    res.writeHead(200, stream.headers);
    await send(stream.start(promptWords(body as never)), true);

    const fault = async (): Promise<void> => {
      if (behaviour.type === 'cut') {
        serverClosed = true;
        if (behaviour.graceful) res.end();
        else res.socket?.destroy();
      } else if (behaviour.type === 'malformed') {
        await send(stream.malformed(), true);
        res.end();
      } else if (behaviour.type === 'stream-error') {
        await send(stream.streamError(behaviour.errorType, behaviour.message), true);
        res.end();
      }
      // 'stall': stay silent until the client gives up.
    };

    if (behaviour.type === 'answer' && behaviour.oneWrite) {
      const usage = { inputTokens: promptWords(body as never), outputTokens: answer.length };
      await send(answer.map((token) => stream.token(token)).join('') + stream.finish(behaviour.finishReason, usage));
      res.end();
      return;
    }
    for (const [i, token] of answer.entries()) {
      if (i === faultAt) return fault();
      const delay = i === 0 ? firstDelay : chunkDelay;
      if (delay > 0) await pause(delay);
      if (isClosed()) return;
      await send(stream.token(token), i + 1 === faultAt);
    }
    if (faultAt !== Number.POSITIVE_INFINITY) return fault();
    const finishReason = behaviour.type === 'answer' ? behaviour.finishReason : undefined;
    await send(stream.finish(finishReason, { inputTokens: promptWords(body as never), outputTokens: answer.length }));
    res.end();
  }

  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    baseURL: options.vendor === 'anthropic' || options.vendor === 'azure' ? url : `${url}/v1`,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    azureEndpoint: url,
    requests,
    script(...behaviours) {
      queue.push(...behaviours);
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
