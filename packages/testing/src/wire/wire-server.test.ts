import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWireServer, type WireServer } from './wire-server.js';

// Raw HTTP checks of the bytes the wire server sends, independent of the SDKs.

let server: WireServer;
beforeAll(async () => {
  server = await startWireServer({ apiKey: 'k', answer: 'Hi there' });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const dataLines = (text: string) => text.split('\n\n').filter(Boolean);

describe('OpenAI format', () => {
  it('streams role chunk, content chunks, finish chunk, usage chunk with empty choices, then [DONE]', async () => {
    const res = await post(
      '/v1/chat/completions',
      {
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Hello you' }],
      },
      { authorization: 'Bearer k' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(res.headers.get('openai-processing-ms')).toBeTruthy();
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = dataLines(text).map((e) => e.replace(/^data: /, ''));
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks[0].object).toBe('chat.completion.chunk');
    expect(chunks[0].usage).toBeNull();
    expect(chunks.slice(1, 3).map((c) => c.choices[0].delta.content)).toEqual(['Hi', ' there']);
    expect(chunks[3].choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks[4].choices).toEqual([]);
    expect(chunks[4].usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 });
  });

  it('omits usage without stream_options.include_usage', async () => {
    const res = await post(
      '/v1/chat/completions',
      { model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] },
      { authorization: 'Bearer k' },
    );
    const chunks = dataLines(await res.text())
      .slice(0, -1)
      .map((e) => JSON.parse(e.slice(6)));
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
  });

  it('answers a wrong key with the OpenAI error body', async () => {
    const res = await post(
      '/v1/chat/completions',
      { model: 'm', stream: true, messages: [] },
      { authorization: 'Bearer nope' },
    );
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key', param: null } });
  });

  it('sends retry-after headers on a scripted 429', async () => {
    server.script({ type: 'error', status: 429, retryAfter: '3', retryAfterMs: '3000' });
    const res = await post(
      '/v1/chat/completions',
      { model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] },
      { authorization: 'Bearer k' },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('retry-after-ms')).toBe('3000');
    expect((await res.json()).error.code).toBe('rate_limit_exceeded');
  });
});

describe('Azure format', () => {
  it('needs api-version and api-key; starts with an empty-choices prompt filter chunk', async () => {
    const path = '/openai/deployments/prod/chat/completions';
    expect((await post(path, {}, { 'api-key': 'k' })).status).toBe(404);
    expect((await post(`${path}?api-version=2024-10-21`, {}, { authorization: 'Bearer k' })).status).toBe(401);
    const res = await post(
      `${path}?api-version=2024-10-21`,
      { stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'x' }] },
      { 'api-key': 'k' },
    );
    const chunks = dataLines(await res.text())
      .slice(0, -1)
      .map((e) => JSON.parse(e.slice(6)));
    expect(chunks[0]).toMatchObject({ choices: [], id: '', prompt_filter_results: [{ prompt_index: 0 }] });
    expect(chunks[2].choices[0].content_filter_results.hate).toEqual({ filtered: false, severity: 'safe' });
    expect(chunks.at(-1).usage.completion_tokens).toBe(2);
  });
});

describe('Anthropic format', () => {
  const headers = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
  const body = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };

  it('streams message_start, content_block_start, ping, deltas, content_block_stop, message_delta, message_stop', async () => {
    const res = await post('/v1/messages', { ...body, stream: true }, headers);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const events = dataLines(await res.text()).map((e) => {
      const [eventLine, dataLine] = e.split('\n');
      const data = JSON.parse(dataLine!.slice(6));
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0].message.usage.input_tokens).toBe(1);
    expect(events[3].delta).toEqual({ type: 'text_delta', text: 'Hi' });
    expect(events[6]).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } });
  });

  it('rejects missing max_tokens, a missing version header and non-alternating roles like the API', async () => {
    const noMax = await post('/v1/messages', { model: 'm', messages: body.messages }, headers);
    expect(noMax.status).toBe(400);
    expect(await noMax.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect((await post('/v1/messages', body, { 'x-api-key': 'k' })).status).toBe(400);
    const twice = { ...body, messages: [body.messages[0], body.messages[0]] };
    expect((await post('/v1/messages', twice, headers)).status).toBe(400);
  });

  it('answers 529 overloaded_error and an in-stream error event', async () => {
    server.script({ type: 'error', status: 529 }, { type: 'stream-error', afterChunks: 1 });
    const overloaded = await post('/v1/messages', body, headers);
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    const streamed = await post('/v1/messages', { ...body, stream: true }, headers);
    expect(streamed.status).toBe(200);
    const last = dataLines(await streamed.text()).at(-1);
    expect(last).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    );
  });
});

describe('benchmark mode and recording', () => {
  it('emits an N-token answer and records the request', async () => {
    const bench = await startWireServer({ answerTokens: 1000, vendor: 'openai' });
    try {
      expect(bench.baseURL).toBe(`${bench.url}/v1`);
      const res = await fetch(`${bench.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer any' },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'go' }] }),
      });
      const chunks = dataLines(await res.text())
        .slice(0, -1)
        .map((e) => JSON.parse(e.slice(6)));
      const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
      expect(content.split(' ')).toHaveLength(1000);
      expect(bench.requests[0]).toMatchObject({ vendor: 'openai', path: '/v1/chat/completions', clientClosed: false });
      await bench.requests[0]?.closed;
      expect(bench.requests[0]?.clientClosed).toBe(false);
    } finally {
      await bench.close();
    }
  });
});

describe('magic phrase', () => {
  it('takes a behaviour from the last user message, leaving the script queue alone', async () => {
    server.script({ type: 'error', status: 500 });
    const phrase = 'please [[wire:{"type":"error","status":429,"retryAfter":"4"}]]';
    const res = await post(
      '/v1/chat/completions',
      { model: 'm', stream: true, messages: [{ role: 'user', content: phrase }] },
      { authorization: 'Bearer k' },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('4');
    const next = await post(
      '/v1/chat/completions',
      { model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] },
      { authorization: 'Bearer k' },
    );
    expect(next.status).toBe(500);
  });
});

describe('OpenAI embeddings', () => {
  it('answers one vector per input, in order, of the requested length; checks the key and the body', async () => {
    const res = await post(
      '/v1/embeddings',
      { model: 'embed-small', input: ['hotel rates', 'train trips'], dimensions: 4 },
      { authorization: 'Bearer k' },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ object: 'list', model: 'embed-small', usage: { prompt_tokens: 4 } });
    expect(body.data.map((d: { index: number; embedding: number[] }) => [d.index, d.embedding.length])).toEqual([
      [0, 4],
      [1, 4],
    ]);
    expect(body.data[0].embedding.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect((await post('/v1/embeddings', { model: 'm', input: ['x'] }, { authorization: 'Bearer no' })).status).toBe(
      401,
    );
    expect((await post('/v1/embeddings', { model: 'm', input: [1] }, { authorization: 'Bearer k' })).status).toBe(400);
  });
});
