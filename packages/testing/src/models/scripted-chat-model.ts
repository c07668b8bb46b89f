import { type ChatModel, type ChatModelRequest, type ChatModelStreamPart, ProviderError } from '@company-chat/core';
import { sleep } from './abortable-sleep.js';

/** How a {@link scriptedChatModel} answers one call. */
export interface Script {
  /** Text pieces streamed in order. */
  deltas?: string[];
  /** Delay before each delta, in ms. Default: none at all. */
  delayMs?: number;
  /** Throw this after streaming `failAfter` deltas (0 = before any). */
  fail?: ProviderError;
  failAfter?: number;
  /** After the deltas, wait until the call is aborted instead of finishing (a model still "thinking"). */
  hang?: boolean;
  /** The usage part; `null` sends none. Default: 10 input tokens, one output token per delta. */
  usage?: { inputTokens: number; outputTokens: number; totalTokens: number } | null;
}

/** Who a {@link scriptedChatModel} says it is. */
export interface ScriptedChatModelOptions {
  provider?: string;
  modelId?: string;
  contextWindow?: number;
}

/** One `doStream` call as the model saw it. */
export interface ScriptedCall {
  /** A copy of the request, as it was when the call began. */
  request: ChatModelRequest;
  /** Whether the call's signal aborted. */
  aborted: boolean;
  /** Resolves when the call's signal aborts. */
  abortedPromise: Promise<void>;
}

/** A model of our own spec for engine and server tests: answers from scripts, records calls and aborts. */
export interface ScriptedChatModel extends ChatModel {
  readonly calls: ScriptedCall[];
  /** Calls that ended without settling: aborted by their signal or closed early by the consumer. */
  aborted: number;
  /** Scripts used for the next calls, in order; the last one repeats. */
  scripts: Script[];
}

/**
 * Creates a {@link ScriptedChatModel}. Not a mock of any SDK: it implements our provider spec directly and
 * honours the abort signal like a real provider (stops and throws the signal's reason).
 *
 * @example
 * const model = scriptedChatModel({ deltas: ['Hel', 'lo'] });
 * const slow = scriptedChatModel([{ deltas: ['a'], hang: true }, { deltas: ['b'] }], { modelId: 'gpt-4o-mini' });
 */
export function scriptedChatModel(
  scripts: Script | Script[] = [{ deltas: ['Hello', ', ', 'world'] }],
  options: ScriptedChatModelOptions = {},
): ScriptedChatModel {
  const modelId = options.modelId ?? 'scripted-1';
  const model: ScriptedChatModel = {
    specificationVersion: 'v1',
    provider: options.provider ?? 'scripted',
    modelId,
    contextWindow: options.contextWindow ?? 8192,
    calls: [],
    aborted: 0,
    scripts: Array.isArray(scripts) ? scripts : [scripts],
    async *doStream(request, callOptions) {
      const script = model.scripts.length > 1 ? model.scripts.shift()! : model.scripts[0]!;
      const signal = callOptions?.signal;
      const call = recordCall(request, signal);
      model.calls.push(call);
      let settled = false;
      try {
        yield { type: 'response-metadata', modelId } as ChatModelStreamPart;
        const deltas = script.deltas ?? [];
        for (let i = 0; i < deltas.length; i++) {
          if (script.fail && (script.failAfter ?? 0) === i) throw script.fail;
          if (script.delayMs) await sleep(script.delayMs, signal);
          signal?.throwIfAborted();
          yield { type: 'text-delta', text: deltas[i]! };
        }
        if (script.fail) throw script.fail;
        if (script.hang) {
          await call.abortedPromise;
          signal?.throwIfAborted();
        }
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

function recordCall(request: ChatModelRequest, signal: AbortSignal | undefined): ScriptedCall {
  let onAbort!: () => void;
  const call: ScriptedCall = {
    request: structuredClone(request),
    aborted: false,
    abortedPromise: new Promise<void>((resolve) => {
      onAbort = resolve;
    }),
  };
  const markAborted = () => {
    call.aborted = true;
    onAbort();
  };
  if (signal?.aborted) markAborted();
  else signal?.addEventListener('abort', markAborted, { once: true });
  return call;
}
