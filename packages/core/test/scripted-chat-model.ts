import { ProviderError } from '../src/errors/provider-error.js';
import type { ChatModel, ChatModelRequest, ChatModelStreamPart } from '../src/providers/chat-model.js';

/** How a {@link scriptedChatModel} answers one call. */
export interface Script {
  /** Text pieces streamed in order. */
  deltas?: string[];
  /** Delay before each delta, in ms. */
  delayMs?: number;
  /** Throw this after streaming `failAfter` deltas (0 = before any). */
  fail?: ProviderError;
  failAfter?: number;
  /** Stream forever until aborted (after the deltas). */
  hang?: boolean;
  usage?: { inputTokens: number; outputTokens: number; totalTokens: number } | null;
}

/** A model of our own spec for engine and server tests: answers from scripts, records calls and aborts. */
export interface ScriptedChatModel extends ChatModel {
  calls: ChatModelRequest[];
  aborted: number;
  /** Scripts used for the next calls, in order; the last one repeats. */
  scripts: Script[];
}

/** Creates a {@link ScriptedChatModel}. Not a mock of any SDK: it implements our provider spec directly. */
export function scriptedChatModel(
  scripts: Script[] = [{ deltas: ['Hello', ', ', 'world'] }],
  contextWindow = 8192,
): ScriptedChatModel {
  const model: ScriptedChatModel = {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: 'scripted-1',
    contextWindow,
    calls: [],
    aborted: 0,
    scripts,
    async *doStream(request, options) {
      const script = model.scripts.length > 1 ? model.scripts.shift()! : model.scripts[0]!;
      model.calls.push(structuredClone(request));
      const signal = options?.signal;
      const sleep = (ms: number) =>
        new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          const t = setTimeout(resolve, ms);
          signal?.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              reject(signal.reason);
            },
            { once: true },
          );
        });
      let settled = false;
      try {
        yield { type: 'response-metadata', modelId: 'scripted-1' } as ChatModelStreamPart;
        const deltas = script.deltas ?? [];
        for (let i = 0; i < deltas.length; i++) {
          if (script.fail && (script.failAfter ?? 0) === i) throw script.fail;
          if (script.delayMs) await sleep(script.delayMs);
          yield { type: 'text-delta', text: deltas[i]! };
        }
        if (script.fail) throw script.fail;
        while (script.hang) await sleep(10);
        if (script.usage !== null) {
          yield {
            type: 'usage',
            usage: script.usage ?? { inputTokens: 10, outputTokens: deltas.length, totalTokens: 10 + deltas.length },
          };
        }
        yield { type: 'finish', finishReason: 'stop' };
        settled = true;
      } catch (e) {
        settled = !signal?.aborted;
        throw e;
      } finally {
        // Reached without settling: aborted by the signal or closed early by the consumer's return().
        if (!settled) model.aborted++;
      }
    },
  };
  return model;
}

/** A provider error for scripts. */
export function providerError(code: ProviderError['code'], message = code): ProviderError {
  return new ProviderError({ code, message, provider: 'scripted' });
}
