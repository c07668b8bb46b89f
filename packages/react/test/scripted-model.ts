import { type ChatModel, type ChatModelStreamPart, ProviderError } from '@company-chat/core';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Our own model of provider spec v1 (no SDK involved), steered by the user's message:
 * - `hang …`: one delta `Thinking`, then waits until the request is aborted (a stop);
 * - `fail …`: one delta, then an `overloaded` provider failure;
 * - anything else: `You said: <message>`, word by word, `delayMs` apart (so streaming is observable).
 */
export function scriptedModel(delayMs = 5): ChatModel {
  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: 'scripted-1',
    contextWindow: 100_000,
    async *doStream(request, { signal } = {}): AsyncGenerator<ChatModelStreamPart> {
      const last = request.messages.at(-1)?.content ?? '';
      yield { type: 'response-metadata', modelId: 'scripted-1' };
      if (last.startsWith('hang')) {
        yield { type: 'text-delta', text: 'Thinking' };
        await sleep(3_600_000, signal);
      }
      if (last.startsWith('fail')) {
        yield { type: 'text-delta', text: 'Partial' };
        throw new ProviderError({ code: 'overloaded', message: 'Scripted overload.', provider: 'scripted' });
      }
      const words = `You said: ${last}`.split(/(?<= )/);
      for (const text of words) {
        await sleep(delayMs, signal);
        yield { type: 'text-delta', text };
      }
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: words.length, totalTokens: words.length + 1 } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}
