import type { FinishReason, TokenUsage } from '../chat-model.js';
import type { AiSdkFinishPart } from './ai-sdk-language-model.js';

/** The finish of an AI SDK stream in our terms; `interrupted` means the provider saw the stream cut. */
export interface AiSdkFinish {
  finishReason: FinishReason | 'interrupted';
  rawFinishReason: string | undefined;
  usage: TokenUsage | undefined;
}

const known = new Set<string>(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other', 'interrupted']);

/**
 * Reads the `finish` part of any spec version. V2 reports a plain reason (`unknown` among them) and flat
 * usage; V3/V4 a unified plus raw reason and nested usage. No usage when the provider reported no counts.
 */
export function mapAiSdkFinish(part: AiSdkFinishPart): AiSdkFinish {
  const reason = typeof part.finishReason === 'string' ? part.finishReason : part.finishReason.unified;
  const raw = typeof part.finishReason === 'string' ? undefined : part.finishReason.raw;
  const finishReason = (known.has(reason) ? reason : 'other') as AiSdkFinish['finishReason'];
  return { finishReason, rawFinishReason: raw, usage: toTokenUsage(part.usage) };
}

function toTokenUsage(usage: AiSdkFinishPart['usage'] | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const input = typeof usage.inputTokens === 'object' ? usage.inputTokens.total : usage.inputTokens;
  const output = typeof usage.outputTokens === 'object' ? usage.outputTokens.total : usage.outputTokens;
  if (input === undefined && output === undefined) return undefined;
  const inputTokens = input ?? 0;
  const outputTokens = output ?? 0;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
