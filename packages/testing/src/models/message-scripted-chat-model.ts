import {
  type ChatModel,
  type ChatModelRequest,
  type ChatModelStreamPart,
  ProviderError,
  type ProviderErrorCode,
} from '@company-chat/core';
import { sleep } from './abortable-sleep.js';
import type { ScriptGates } from './script-gates.js';

/**
 * What the scripted model does, written by a test as the user message `#script {json}`:
 * stream `chunks` (each one text delta, `delayMs` apart), wait at the gate `waitAt` when set (until
 * the test opens it), then fail with `error` or wait for the abort when `hang` is set. A message found in `replies` gets that reply (in 4-character chunks);
 * any other message is answered `You said: <message>`.
 */
export interface ModelScript {
  chunks: string[];
  delayMs?: number;
  /** A gate of the model's `gates` to wait at after the chunks. */
  waitAt?: string;
  error?: ProviderErrorCode;
  hang?: boolean;
}

/** Prefix of a user message that carries a {@link ModelScript}. */
export const SCRIPT_PREFIX = '#script ';

/** Builds the user message that makes the scripted model follow `script`. */
export function scriptMessage(script: ModelScript): string {
  return SCRIPT_PREFIX + JSON.stringify(script);
}

/**
 * A ChatModel of our own provider spec whose answers are scripted by the user message, for tests that
 * drive a server from another process or a browser (the test cannot hand the model a script directly).
 */
export function messageScriptedChatModel(
  options: { modelId?: string; replies?: Record<string, string>; gates?: ScriptGates } = {},
): ChatModel {
  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: options.modelId ?? 'scripted-1',
    contextWindow: 100_000,
    async *doStream(request: ChatModelRequest, { signal } = {}): AsyncGenerator<ChatModelStreamPart> {
      const last = request.messages.at(-1)?.content ?? '';
      const canned = options.replies?.[last];
      const script: ModelScript = last.startsWith(SCRIPT_PREFIX)
        ? (JSON.parse(last.slice(SCRIPT_PREFIX.length)) as ModelScript)
        : canned !== undefined
          ? { chunks: canned.match(/[\s\S]{1,4}/g) ?? [] }
          : { chunks: ['You said: ', last] };
      yield { type: 'response-metadata', modelId: options.modelId ?? 'scripted-1' };
      for (const text of script.chunks) {
        if (script.delayMs) await sleep(script.delayMs, signal);
        signal?.throwIfAborted();
        yield { type: 'text-delta', text };
      }
      if (script.waitAt) {
        if (!options.gates) throw new Error('waitAt needs a scripted model created with gates');
        await options.gates.wait(script.waitAt, signal);
      }
      if (script.error) {
        throw new ProviderError({
          code: script.error,
          message: `Scripted ${script.error} failure.`,
          provider: 'scripted',
        });
      }
      if (script.hang) {
        await sleep(3_600_000, signal);
      }
      const outputTokens = script.chunks.length;
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens, totalTokens: outputTokens + 1 } };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}
