import { describe, expect, it } from 'vitest';
import type { ChatModel, ChatModelStreamPart } from '../providers/chat-model.js';
import { traceModelCall } from './trace-model-call.js';
import { traceRetrieval } from './trace-retrieval.js';

// No tracer provider is registered in this file: what every host that does not trace gets.
describe('tracing without a registered tracer provider', () => {
  it('hands back the model’s own stream: no wrapper, nothing added per part', async () => {
    const stream: AsyncIterable<ChatModelStreamPart> = (async function* () {
      yield { type: 'text-delta', text: 'Hi' };
      yield { type: 'finish', finishReason: 'stop' };
    })();
    const model: ChatModel = { specificationVersion: 'v1', provider: 'openai', modelId: 'm', doStream: () => stream };
    const traced = traceModelCall(model, { messages: [] }, {}, { purpose: 'answer' });
    expect(traced).toBe(stream);
    const parts: ChatModelStreamPart[] = [];
    for await (const part of traced) parts.push(part);
    expect(parts.map((p) => p.type)).toEqual(['text-delta', 'finish']);
  });

  it('runs a search and passes its result and its failure through', async () => {
    const info = { query: 'leave?', previousQuestions: 0, topK: 5 };
    await expect(
      traceRetrieval(
        info,
        async () => ['a', 'b'],
        (r) => r.length,
      ),
    ).resolves.toEqual(['a', 'b']);
    const failure = new Error('store down');
    await expect(
      traceRetrieval(
        info,
        () => Promise.reject(failure),
        () => 0,
      ),
    ).rejects.toBe(failure);
  });
});
