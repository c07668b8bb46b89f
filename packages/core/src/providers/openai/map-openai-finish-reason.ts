import type { FinishReason } from '../chat-model.js';

/** Normalises a Chat Completions `finish_reason` (OpenAI, Azure and compatible servers). */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    // Azure OpenAI stops with this when its content filter cuts the answer.
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
