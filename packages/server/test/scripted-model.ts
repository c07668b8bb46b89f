import type { ChatModel, ChatModelRequest, ChatModelStreamPart, TokenUsage } from '@company-chat/core';

/** Script of a {@link createScriptedModel}. */
export interface ScriptedModelOptions {
  /** Text deltas to yield, in order. */
  deltas: string[];
  /** Wait before each delta (ms). Default 0: no wait at all. */
  delayMs?: number;
  /** After the deltas, wait until aborted instead of finishing (a model that is still "thinking"). */
  holdOpen?: boolean;
  usage?: TokenUsage;
  provider?: string;
  modelId?: string;
}

/** One `doStream` call as the model saw it. */
export interface ScriptedCall {
  request: ChatModelRequest;
  aborted: boolean;
  /** Resolves when the call's signal aborts. */
  abortedPromise: Promise<void>;
}

/** A {@link ChatModel} that plays a script and records what it was asked and whether it was aborted. */
export interface ScriptedModel extends ChatModel {
  readonly calls: ScriptedCall[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Our own test double of the provider spec v1 (not a mock of any SDK): yields the given text deltas,
 * optionally spaced out, honours the abort signal like a real provider (stops and throws), and records it.
 */
export function createScriptedModel(options: ScriptedModelOptions): ScriptedModel {
  const calls: ScriptedCall[] = [];
  return {
    specificationVersion: 'v1',
    provider: options.provider ?? 'scripted',
    modelId: options.modelId ?? 'scripted-1',
    contextWindow: 100_000,
    calls,
    async *doStream(request, callOptions): AsyncGenerator<ChatModelStreamPart> {
      const signal = callOptions?.signal;
      let onAbort!: () => void;
      const call: ScriptedCall = {
        request,
        aborted: false,
        abortedPromise: new Promise<void>((resolve) => {
          onAbort = resolve;
        }),
      };
      calls.push(call);
      const markAborted = () => {
        call.aborted = true;
        onAbort();
      };
      if (signal?.aborted) markAborted();
      else signal?.addEventListener('abort', markAborted, { once: true });
      const throwIfAborted = () => {
        if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
      };

      yield { type: 'response-metadata', modelId: options.modelId ?? 'scripted-1' };
      for (const text of options.deltas) {
        if (options.delayMs) await sleep(options.delayMs, signal);
        throwIfAborted();
        yield { type: 'text-delta', text };
      }
      if (options.holdOpen) {
        await call.abortedPromise;
        throwIfAborted();
      }
      const outputTokens = options.deltas.length;
      yield { type: 'usage', usage: options.usage ?? { inputTokens: 1, outputTokens, totalTokens: 1 + outputTokens } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}
