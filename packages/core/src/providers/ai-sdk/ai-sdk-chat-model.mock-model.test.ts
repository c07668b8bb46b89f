import type { LanguageModelV2, LanguageModelV2StreamPart, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError, InvalidResponseDataError, LoadAPIKeyError } from '@ai-sdk/provider';
import { collect, expectProviderError } from '@company-chat/testing/conformance';
import { convertArrayToReadableStream, MockLanguageModelV3, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { ChatModelRequest } from '../chat-model.js';
import { fromAiSdk } from './ai-sdk-chat-model.js';

const request: ChatModelRequest = { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] };

const usage = (input: number | undefined, output: number | undefined) => ({
  inputTokens: { total: input, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: undefined, reasoning: undefined },
});

type V4Finish = Extract<LanguageModelV4StreamPart, { type: 'finish' }>;

function answer(finish: Partial<V4Finish> = {}): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: 'resp-1', modelId: 'mock-model-2026' },
    { type: 'text-start', id: 't1' },
    { type: 'text-delta', id: 't1', delta: 'Hello' },
    { type: 'text-delta', id: 't1', delta: ' there' },
    { type: 'text-end', id: 't1' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' }, usage: usage(12, 3), ...finish },
  ];
}

function mockV4(parts: LanguageModelV4StreamPart[]) {
  return new MockLanguageModelV4({
    provider: 'mock',
    modelId: 'mock-model',
    doStream: { stream: convertArrayToReadableStream(parts) },
  });
}

describe('fromAiSdk with the AI SDK mock model (spec v4)', () => {
  it('streams metadata, text, usage from the finish part, and the finish with its raw reason', async () => {
    const { parts, text, error } = await collect(fromAiSdk(mockV4(answer())), request);
    expect(error).toBeUndefined();
    expect(text).toBe('Hello there');
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'resp-1', modelId: 'mock-model-2026', provider: 'mock' },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' there' },
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 } },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn' },
    ]);
  });

  it('sends the prompt as AI SDK messages and passes an abort signal', async () => {
    const model = mockV4(answer());
    await collect(fromAiSdk(model, { maxOutputTokens: 64 }), {
      system: 'Sys',
      messages: [
        { role: 'user', content: 'One' },
        { role: 'assistant', content: 'Two' },
        { role: 'user', content: 'Three' },
      ],
      stopSequences: ['STOP'],
    });
    const call = model.doStreamCalls[0];
    expect(call?.prompt).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'user', content: [{ type: 'text', text: 'One' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Two' }] },
      { role: 'user', content: [{ type: 'text', text: 'Three' }] },
    ]);
    expect(call?.maxOutputTokens).toBe(64);
    expect(call?.stopSequences).toEqual(['STOP']);
    expect(call?.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content-filter', 'content-filter'],
    ['tool-calls', 'tool-calls'],
    ['error', 'error'],
    ['other', 'other'],
  ] as const)('maps the unified finish reason %s', async (unified, expected) => {
    const { parts } = await collect(
      fromAiSdk(mockV4(answer({ finishReason: { unified, raw: `raw-${unified}` } }))),
      request,
    );
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: expected, rawFinishReason: `raw-${unified}` });
  });

  it('an interrupted finish (the provider saw the stream end early) is a network error', async () => {
    const model = mockV4(answer({ finishReason: { unified: 'interrupted', raw: undefined } }));
    const { error, text, parts } = await collect(fromAiSdk(model), request);
    expectProviderError(error, 'network', true);
    expect(text).toBe('Hello there');
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
  });

  it('a stream without a finish part is a network error', async () => {
    const { error } = await collect(fromAiSdk(mockV4(answer().slice(0, -1))), request);
    expectProviderError(error, 'network', true);
  });

  it('no usage part when the provider knows no counts; a missing count is zero', async () => {
    const none = await collect(fromAiSdk(mockV4(answer({ usage: usage(undefined, undefined) }))), request);
    expect(none.parts.some((p) => p.type === 'usage')).toBe(false);
    expect(none.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    const partial = await collect(fromAiSdk(mockV4(answer({ usage: usage(undefined, 4) }))), request);
    expect(partial.parts.find((p) => p.type === 'usage')).toEqual({
      type: 'usage',
      usage: { inputTokens: 0, outputTokens: 4, totalTokens: 4 },
    });
  });

  it('metadata comes first even when the provider sends none', async () => {
    const parts = answer().filter((p) => p.type !== 'response-metadata');
    const collected = await collect(fromAiSdk(mockV4(parts), { provider: 'mistral' }), request);
    expect(collected.parts[0]).toEqual({ type: 'response-metadata', modelId: 'mock-model', provider: 'mistral' });
  });

  it('text of several text parts is concatenated in stream order; reasoning is not text', async () => {
    const { text } = await collect(
      fromAiSdk(
        mockV4([
          { type: 'reasoning-start', id: 'r' },
          { type: 'reasoning-delta', id: 'r', delta: 'thinking' },
          { type: 'reasoning-end', id: 'r' },
          { type: 'text-start', id: 'a' },
          { type: 'text-delta', id: 'a', delta: 'First.' },
          { type: 'text-end', id: 'a' },
          { type: 'text-start', id: 'b' },
          { type: 'text-delta', id: 'b', delta: ' Second.' },
          { type: 'text-end', id: 'b' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(1, 2) },
        ]),
      ),
      request,
    );
    expect(text).toBe('First. Second.');
  });

  it('tool input, streamed or whole, becomes tool-call-delta parts', async () => {
    const { parts } = await collect(
      fromAiSdk(
        mockV4([
          { type: 'tool-input-start', id: 'call-1', toolName: 'search' },
          { type: 'tool-input-delta', id: 'call-1', delta: '{"q":' },
          { type: 'tool-input-delta', id: 'call-1', delta: '"leave"}' },
          { type: 'tool-input-end', id: 'call-1' },
          { type: 'tool-call', toolCallId: 'call-1', toolName: 'search', input: '{"q":"leave"}' },
          { type: 'tool-call', toolCallId: 'call-2', toolName: 'clock', input: '{}' },
          { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage(1, 2) },
        ]),
      ),
      request,
    );
    expect(parts.filter((p) => p.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', toolCallId: 'call-1', toolName: 'search', argsDelta: '{"q":' },
      { type: 'tool-call-delta', toolCallId: 'call-1', toolName: 'search', argsDelta: '"leave"}' },
      { type: 'tool-call-delta', toolCallId: 'call-2', toolName: 'clock', argsDelta: '{}' },
    ]);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'tool-calls' });
  });

  it('an APICallError thrown by doStream maps by status, with retry-after from the headers', async () => {
    const failing = (statusCode: number, headers: Record<string, string> = {}, message = 'Upstream said no') =>
      new MockLanguageModelV4({
        doStream: async () => {
          throw new APICallError({
            message,
            url: 'https://api.example.invalid/v1/chat',
            requestBodyValues: {},
            statusCode,
            responseHeaders: headers,
            responseBody: '{"error":{"message":"no"}}',
          });
        },
      });
    const limited = expectProviderError(
      (await collect(fromAiSdk(failing(429, { 'retry-after': '7' })), request)).error,
      'rate_limited',
      true,
    );
    expect(limited.retryAfterMs).toBe(7000);
    expect(limited.upstreamStatus).toBe(429);
    expect(limited.message).not.toMatch(/https?:\/\//);
    expectProviderError((await collect(fromAiSdk(failing(401)), request)).error, 'auth', false);
    expectProviderError((await collect(fromAiSdk(failing(403)), request)).error, 'auth', false);
    expectProviderError((await collect(fromAiSdk(failing(529)), request)).error, 'overloaded', true);
    expectProviderError((await collect(fromAiSdk(failing(503)), request)).error, 'overloaded', true);
    expectProviderError((await collect(fromAiSdk(failing(504)), request)).error, 'timeout', true);
    expectProviderError((await collect(fromAiSdk(failing(500)), request)).error, 'upstream', true);
    expectProviderError((await collect(fromAiSdk(failing(400)), request)).error, 'bad_request', false);
    expectProviderError(
      (await collect(fromAiSdk(failing(400, {}, 'prompt is too long: 210000 tokens > 200000 maximum')), request)).error,
      'context_length_exceeded',
      false,
    );
    // Anthropic through the AI SDK: an overloaded error body.
    expectProviderError((await collect(fromAiSdk(failing(500, {}, 'Overloaded')), request)).error, 'overloaded', true);
  });

  it('a connection failure, a missing key and malformed data map to network, auth and upstream', async () => {
    const throwing = (error: unknown) =>
      fromAiSdk(
        new MockLanguageModelV4({
          doStream: async () => {
            throw error;
          },
        }),
        { vendor: 'Mock AI' },
      );
    const refused = new APICallError({
      message: 'Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9',
      url: 'http://127.0.0.1:9/v1',
      requestBodyValues: {},
      isRetryable: true,
    });
    const network = expectProviderError((await collect(throwing(refused), request)).error, 'network', true);
    expect(network.message).not.toContain('127.0.0.1');
    const noKey = new LoadAPIKeyError({ message: 'API key is missing. Pass it using the apiKey parameter.' });
    expectProviderError((await collect(throwing(noKey), request)).error, 'auth', false);
    const malformed = new InvalidResponseDataError({ data: {}, message: 'Expected a choices array' });
    expectProviderError((await collect(throwing(malformed), request)).error, 'upstream', true);
  });

  it('an error part maps the vendor error object it carries, after the text before it', async () => {
    const parts: LanguageModelV4StreamPart[] = [
      ...answer().slice(0, 4),
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ...answer().slice(4),
    ];
    const { error, text } = await collect(fromAiSdk(mockV4(parts)), request);
    const e = expectProviderError(error, 'overloaded', true);
    expect(e.upstreamStatus).toBe(200);
    expect(text).toBe('Hello');
    const limited: LanguageModelV4StreamPart[] = [
      { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } },
    ];
    expectProviderError((await collect(fromAiSdk(mockV4(limited)), request)).error, 'rate_limited', true);
  });

  it.each([
    ['honours', true],
    ['ignores', false],
  ])('aborting mid-stream throws the abort reason when the model %s its abort signal', async (_, honours) => {
    let pulled = 0;
    let cancelled = false;
    const model = new MockLanguageModelV4({
      doStream: async ({ abortSignal }) => {
        const stream = new ReadableStream<LanguageModelV4StreamPart>({
          pull(controller) {
            pulled++;
            if (pulled === 1) controller.enqueue({ type: 'text-delta', id: 't', delta: 'one ' });
            else if (pulled === 2) controller.enqueue({ type: 'text-delta', id: 't', delta: 'two ' });
            // Then the model waits: only an abort (or a cancel) ends the stream.
            else if (honours) {
              return new Promise<void>((resolve) => {
                abortSignal?.addEventListener('abort', () => {
                  controller.error(abortSignal.reason);
                  resolve();
                });
              });
            } else return new Promise<void>(() => {});
            return undefined;
          },
          cancel() {
            cancelled = true;
          },
        });
        return { stream };
      },
    });
    const controller = new AbortController();
    let deltas = 0;
    const { error, text } = await collect(fromAiSdk(model), request, {
      signal: controller.signal,
      onPart: (part) => {
        if (part.type === 'text-delta' && ++deltas === 2) controller.abort();
      },
    });
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(text).toBe('one two ');
    if (!honours) expect(cancelled).toBe(true);
  });

  it('an abort while waiting for doStream throws the abort reason; an aborted signal calls nothing', async () => {
    let answerLate: (result: { stream: ReadableStream<LanguageModelV4StreamPart> }) => void = () => {};
    const model = new MockLanguageModelV4({ doStream: () => new Promise((resolve) => (answerLate = resolve)) });
    const controller = new AbortController();
    const pending = collect(fromAiSdk(model), request, { signal: controller.signal });
    controller.abort(new DOMException('The user stopped', 'AbortError'));
    expect(((await pending).error as DOMException).message).toBe('The user stopped');
    // A model that ignored the signal and answers anyway has its stream cancelled.
    const cancelled = new Promise<unknown>((resolve) => {
      answerLate({ stream: new ReadableStream<LanguageModelV4StreamPart>({ cancel: resolve }) });
    });
    expect(((await cancelled) as DOMException).message).toBe('The user stopped');

    const quiet = mockV4(answer());
    const { error, parts } = await collect(fromAiSdk(quiet), request, { signal: controller.signal });
    expect((error as DOMException).name).toBe('AbortError');
    expect(parts).toHaveLength(0);
    expect(quiet.doStreamCalls).toHaveLength(0);
  });

  it('breaking out of the loop cancels the model stream', async () => {
    let cancelled = false;
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          pull(controller) {
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'more ' });
          },
          cancel() {
            cancelled = true;
          },
        }),
      }),
    });
    for await (const part of fromAiSdk(model).doStream(request)) {
      if (part.type === 'text-delta') break;
    }
    expect(cancelled).toBe(true);
  });

  it('a model that never sends its first part times out after firstTokenTimeoutMs', async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({ pull: () => new Promise(() => {}) }),
      }),
    });
    const { error } = await collect(fromAiSdk(model, { firstTokenTimeoutMs: 50 }), request);
    expectProviderError(error, 'timeout', true);
  });
});

describe('fromAiSdk with the previous specifications', () => {
  it('v3 (AI SDK 6): the mock model streams, reports usage and finishes', async () => {
    const model = new MockLanguageModelV3({
      provider: 'mock-v3',
      modelId: 'old-model',
      doStream: {
        stream: convertArrayToReadableStream([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: '0' },
          { type: 'text-delta', id: '0', delta: 'Hi' },
          { type: 'text-end', id: '0' },
          { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' }, usage: usage(5, 1) },
        ]),
      },
    });
    const { parts, error } = await collect(fromAiSdk(model), request);
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'response-metadata', modelId: 'old-model', provider: 'mock-v3' },
      { type: 'text-delta', text: 'Hi' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 } },
      { type: 'finish', finishReason: 'length', rawFinishReason: 'max_tokens' },
    ]);
    expect(model.doStreamCalls[0]?.prompt[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('v2 (AI SDK 5): flat usage and a plain finish reason, `unknown` read as other', async () => {
    const stream = (finishReason: 'stop' | 'unknown') =>
      convertArrayToReadableStream<LanguageModelV2StreamPart>([
        { type: 'text-delta', id: '0', delta: 'Hi' },
        { type: 'finish', finishReason, usage: { inputTokens: 4, outputTokens: 2, totalTokens: 6 } },
      ]);
    const v2 = (finishReason: 'stop' | 'unknown'): LanguageModelV2 => ({
      specificationVersion: 'v2',
      provider: 'mock-v2',
      modelId: 'older-model',
      supportedUrls: {},
      doGenerate: () => Promise.reject(new Error('not used')),
      doStream: async () => ({ stream: stream(finishReason) }),
    });
    const stopped = await collect(fromAiSdk(v2('stop')), request);
    expect(stopped.parts.slice(1)).toEqual([
      { type: 'text-delta', text: 'Hi' },
      { type: 'usage', usage: { inputTokens: 4, outputTokens: 2, totalTokens: 6 } },
      { type: 'finish', finishReason: 'stop' },
    ]);
    const unknown = await collect(fromAiSdk(v2('unknown')), request);
    expect(unknown.parts.at(-1)).toEqual({ type: 'finish', finishReason: 'other' });
  });

  it('refuses a model of an unsupported specification', () => {
    const v1 = { specificationVersion: 'v1', provider: 'old', modelId: 'm', doStream: async () => ({}) };
    expect(() => fromAiSdk(v1 as never)).toThrow(/v2, v3 and v4/);
  });
});
