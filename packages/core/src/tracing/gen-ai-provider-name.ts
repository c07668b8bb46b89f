import type { FinishReason } from '../providers/chat-model.js';

// Our provider names whose vendor has a well-known `gen_ai.provider.name` value; others pass through
// (`openai-compatible`, `offline`, an AI SDK provider's own name) as the conventions allow.
const WELL_KNOWN: Record<string, string> = {
  openai: 'openai',
  azure: 'azure.ai.openai',
  anthropic: 'anthropic',
};

/** The `gen_ai.provider.name` of one of our {@link ChatModel.provider} names. */
export function genAiProviderName(provider: string): string {
  return WELL_KNOWN[provider] ?? provider;
}

/** Our normalised finish reason as the conventions spell it (OpenAI's words, snake_case). */
export function genAiFinishReason(reason: FinishReason): string {
  return reason.replace('-', '_');
}
